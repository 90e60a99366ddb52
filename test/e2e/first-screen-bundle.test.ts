import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { hasBuild, requireTool } from '../helpers/require-tool'
import { ROOT } from './harness'

describe('the first screen’s bundle', () => {
  const assets = path.join(ROOT, 'out/renderer/assets')

  it.runIf(requireTool('The build output (out/)', hasBuild(), 'npm run build'))(
    'does not carry the common-password list or zxcvbn (they load when a password is typed)',
    () => {
      const html = readFileSync(path.join(ROOT, 'out/renderer/index.html'), 'utf8')
      const initial = [...html.matchAll(/(?:src|href)="\.?\/?assets\/([^"]+)"/g)].map((m) => m[1] as string)
      expect(initial.some((f) => f.endsWith('.js'))).toBe(true)
      let gzipped = 0
      for (const file of initial) {
        const text = readFileSync(path.join(assets, file), 'utf8')
        gzipped += gzipSync(text).length
        // A stretch of the compressed common-password list, and zxcvbn's scoring code.
        expect(text).not.toContain('AqwertyuiopA123321')
        expect(text).not.toContain("'bruteforce'")
      }
      console.log(`initial bundle (html-linked js + css), gzip: ${(gzipped / 1024).toFixed(1)} KiB`)
    },
  )
})
