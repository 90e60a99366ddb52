import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCsp, RENDERER_CSP } from '../../src/main/security/csp'
import { hasBuild, requireTool } from '../helpers/require-tool'

const source = readFileSync(path.resolve('src/renderer/index.html'), 'utf8')
const metaCsp = (html: string) =>
  /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''

describe('the CSP in the renderer page', () => {
  it('equals the protocol header policy, less frame-ancestors (ignored in <meta>)', () => {
    const fromHeader = parseCsp(RENDERER_CSP)
    fromHeader.delete('frame-ancestors')
    expect(parseCsp(metaCsp(source))).toEqual(fromHeader)
  })

  const built = path.resolve('out/renderer/index.html')
  it.runIf(requireTool('The build output (out/)', hasBuild(), 'npm run build'))(
    'survives the build, with no inline script or style and no http: resource',
    () => {
      const html = readFileSync(built, 'utf8')
      expect(parseCsp(metaCsp(html))).toEqual(parseCsp(metaCsp(source)))
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
      expect(html).not.toMatch(/<style|style="/)
      const assets = readdirSync(path.resolve('out/renderer/assets')).map((f) =>
        readFileSync(path.join('out/renderer/assets', f), 'utf8'),
      )
      for (const text of [html, ...assets]) expect(text).not.toMatch(/(src|href)=["']http:/)
    },
  )
})
