import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'

const STYLES = path.resolve(import.meta.dirname, '../../src/renderer/src')

/** Properties and values that name a side of the screen instead of a side of the text (start/end). */
const PHYSICAL =
  /(?:^|[;{\s])((?:margin|padding|border)-(?:left|right)(?:-\w+)?|(?:left|right)\s*:|(?:text-align|float|clear)\s*:\s*(?:left|right)|border-(?:top|bottom)-(?:left|right)-radius)/g

describe('the layout mirrors in a right-to-left language', () => {
  test('the stylesheets use logical properties (inline-start/end), never left/right', () => {
    const found: string[] = []
    for (const file of readdirSync(STYLES).filter((f) => f.endsWith('.css'))) {
      const css = readFileSync(path.join(STYLES, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
      for (const m of css.matchAll(PHYSICAL)) found.push(`${file}: ${m[1]}`)
    }
    expect(found).toEqual([])
  })

  test('the check sees what it must', () => {
    const css = 'a{margin-left:1px} b { right: 0; text-align: left } c{border-top-right-radius:2px;left:0}'
    expect([...css.matchAll(PHYSICAL)].map((m) => m[1])).toEqual([
      'margin-left',
      'right:',
      'text-align: left',
      'border-top-right-radius',
      'left:',
    ])
    expect([...'a{margin-inline-start:0;inset-inline-end:0;text-align:start}'.matchAll(PHYSICAL)]).toEqual([])
  })
})
