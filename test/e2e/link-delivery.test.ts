import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { hasChromium, requireTool } from '../helpers/require-tool'
import { launchChromium, newPage, startBrowserShell, type RunningShell } from './harness'

/**
 * The browser shell delivers links the way the Electron shell does: a link that arrives while no page is
 * connected waits until a page says it is ready (issue 18 item 5), and a link over the shell's body cap is
 * refused by the app as too long, like any other refusal.
 */
const ready = requireTool('Chromium', hasChromium(), 'sudo apt-get install -y chromium')

const TOKEN = 'diusln-88aa9a15913d435fa538b434f728f58d'
const LINK = `accountdesk://127.0.0.1:9/reset/MQ/${TOKEN}`
const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name })

describe.runIf(ready)('links handed to the browser shell', () => {
  let browser: Browser
  let shell: RunningShell
  let page: Page | undefined

  beforeAll(async () => {
    browser = await launchChromium()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
  })
  afterEach(async () => {
    await page?.context().close()
    page = undefined
    await shell?.stop()
  })

  const start = () =>
    startBrowserShell({
      env: { ACCOUNT_DESK_SCHEME: 'accountdesk' },
      args: ['--no-demo'],
      servers: [{ id: 'local', displayName: 'Local djoser', baseUrl: 'http://127.0.0.1:9', kind: 'djoser' }],
    })

  it('a link that arrived before any page opened reaches the first page once it is ready', async () => {
    shell = await start()
    const handed = await shell.openLink(LINK)
    expect(handed.code, handed.output).toBe(0)
    expect(handed.output).not.toContain(TOKEN)
    page = await newPage(browser)
    await page.goto(shell.url)
    await heading(page, 'Choose a new password').waitFor({ timeout: 30_000 })
    expect(await page.getByText('Local djoser').count()).toBeGreaterThan(0)
  }, 60_000)

  it('a link that arrived while the page was gone reaches the next page once it is ready', async () => {
    shell = await start()
    page = await newPage(browser)
    await page.goto(shell.url)
    await heading(page, /Welcome|Your accounts/).waitFor({ timeout: 30_000 })
    const address = page.url()
    await page.goto('about:blank')
    const handed = await shell.openLink(LINK)
    expect(handed.code, handed.output).toBe(0)
    await page.goto(address)
    await heading(page, 'Choose a new password').waitFor({ timeout: 30_000 })
  }, 60_000)

  it('a link over the body cap is refused as too long, not "did not answer"', async () => {
    shell = await start()
    page = await newPage(browser)
    await page.goto(shell.url)
    await heading(page, /Welcome|Your accounts/).waitFor({ timeout: 30_000 })
    const handed = await shell.openLink(`${LINK}/${'a'.repeat(70 * 1024)}`)
    expect(handed.output).not.toMatch(/did not answer/)
    expect(handed.code, handed.output).toBe(0)
    await page.getByText(/This link is too long to be a password reset link/).waitFor({ timeout: 30_000 })
  }, 60_000)
})
