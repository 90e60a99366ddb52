import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { hasChromium, requireTool } from '../helpers/require-tool'
import {
  axeViolations,
  getWithHost,
  SCREEN_SIZES,
  launchChromium,
  newPage,
  screenshot,
  startBrowserShell,
  type RunningShell,
} from './harness'

const ready = requireTool('Chromium', hasChromium(), 'sudo apt-get install -y chromium')

describe.runIf(ready)('browser shell smoke', () => {
  let shell: RunningShell
  let browser: Browser

  beforeAll(async () => {
    shell = await startBrowserShell()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await shell?.stop()
  })

  it('renders the first screen with the bridge working, and axe finds nothing', async () => {
    const page = await newPage(browser)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.goto(shell.url)
    await page.getByRole('heading', { level: 1 }).waitFor()
    // The secret left the address bar as soon as the bridge read it.
    expect(page.url()).not.toContain('secret')
    await screenshot(page, 'first-screen')
    expect(await axeViolations(page)).toEqual([])
    expect(errors).toEqual([])
  })

  it('a German browser gets the app in German, <html lang="de">; axe finds nothing, and the German words fit', async () => {
    const page = await newPage(browser, 'light', 'de-AT')
    await page.goto(shell.url)
    await page.getByRole('heading', { level: 1, name: /Willkommen|Ihre Konten/ }).waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('de')
    expect(await page.title()).toMatch(/^(Willkommen bei|Ihre Konten) .* – /)
    await screenshot(page, 'first-screen-de')
    expect(await axeViolations(page)).toEqual([])
    // The longer German words wrap inside their buttons: nothing sticks out of the page sideways.
    for (const { width, height } of SCREEN_SIZES) {
      await page.setViewportSize({ width, height })
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${width}`).toBeLessThanOrEqual(
        width,
      )
    }
  })

  it('refuses bridge calls without the secret and from another Host', async () => {
    const res = await fetch(`${shell.origin}/__shell/invoke/getAppInfo`, { method: 'POST', body: '{}' })
    expect(res.status).toBe(403)
    const port = new URL(shell.origin).port
    expect(await getWithHost(shell.origin, `attacker.example:${port}`)).toBe(421)
    expect(await getWithHost(shell.origin, `127.0.0.1:${port}`)).toBe(200)
  })
})
