import axe from 'axe-core'
import { describe, expect, it } from 'vitest'
import { SCREEN_TOUR } from './screen-tour'

/** axe-core in jsdom (no layout: colour contrast is checked in Chromium by the e2e run). */
async function violations() {
  const results = await axe.run(document.body, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    rules: { 'color-contrast': { enabled: false } },
  })
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

describe('axe finds nothing on any screen (jsdom)', { timeout: 60_000 }, () => {
  it.each(SCREEN_TOUR)('$name', async ({ walk }) => {
    await walk(async (state) => expect(await violations(), state).toEqual([]))
  })
})
