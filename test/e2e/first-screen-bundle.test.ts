import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { hasBuild, requireTool } from '../helpers/require-tool'
import { ROOT } from './harness'

describe('the first screen’s bundle', () => {
  const assets = path.join(ROOT, 'out/renderer/assets')

  it.runIf(requireTool('The build output (out/)', hasBuild(), 'npm run build'))(
    'does not carry the common-password list or zxcvbn (they load when a password is typed), nor zod (a reload loads it) nor German; carries English',
    () => {
      const html = readFileSync(path.join(ROOT, 'out/renderer/index.html'), 'utf8')
      const initial = [...html.matchAll(/(?:src|href)="\.?\/?assets\/([^"]+)"/g)].map((m) => m[1] as string)
      expect(initial.some((f) => f.endsWith('.js'))).toBe(true)
      let gzipped = 0
      const texts = initial.map((file) => readFileSync(path.join(assets, file), 'utf8'))
      for (const text of texts) {
        gzipped += gzipSync(text).length
        // A stretch of the compressed common-password list, and zxcvbn's scoring code.
        expect(text).not.toContain('AqwertyuiopA123321')
        expect(text).not.toContain("'bruteforce'")
        // zod's base type: the kept-screen check (restorable-screen.ts) loads it only when a screen was kept.
        expect(text).not.toContain('$ZodType')
        // The German catalogs load only when German is asked for.
        expect(text).not.toContain('Ansichten')
      }
      // English is in the bundle: the first screen never waits for a catalog to be fetched.
      expect(texts.join('\n')).toContain('could not load its screens')
      console.log(`initial bundle (html-linked js + css), gzip: ${(gzipped / 1024).toFixed(1)} KiB`)
    },
  )
})
