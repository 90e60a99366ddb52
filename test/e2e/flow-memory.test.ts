import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { hasChromium, requireTool } from '../helpers/require-tool'
import {
  axeViolations,
  launchChromium,
  newPage,
  screenshot,
  startBrowserShell,
  type RunningShell,
} from './harness'

/**
 * Issue 15, in real Chromium against the real services: a reload mid-flow keeps the reset form (the link's handle
 * lives on in main; the page kept only the handle), opening a link already used here says so before any typing,
 * and leaving typed input asks first.
 */
const ready = requireTool('Chromium', hasChromium(), 'sudo apt-get install -y chromium')

describe.runIf(ready)('the flow survives a reload, and knows a used link', () => {
  let shell: RunningShell
  let browser: Browser
  let page: Page
  const errors: string[] = []
  const NEW = 'Harbour-Violet-73'
  const heading = (name: string) => page.getByRole('heading', { level: 1, name })
  const mail = () =>
    page
      .getByRole('complementary', { name: 'Demo mailbox' })
      .getByRole('article')
      .filter({ hasText: /Password reset on/ })
      .first()

  beforeAll(async () => {
    ;[shell, browser] = await Promise.all([startBrowserShell(), launchChromium()])
    page = await newPage(browser)
    page.on('pageerror', (e) => errors.push(e.message))
  })
  afterAll(async () => {
    await browser?.close()
    await shell?.stop()
  })

  it('a reload on the reset form comes back to it, with the link still good and nothing typed kept', async () => {
    await page.goto(shell.url)
    await heading('Welcome to Account Desk').waitFor()
    await page.getByRole('button', { name: 'Forgot password' }).first().click()
    await heading('Forgot password').waitFor()
    await page.getByRole('button', { name: 'Send me a link' }).click()
    await heading('Check your mail').waitFor()
    await mail()
      .getByRole('button', { name: /^Open the link/ })
      .click()
    await heading('Choose a new password').waitFor()
    await page.getByLabel('New password', { exact: true }).fill(NEW)

    await page.reload()
    await heading('Choose a new password').waitFor()
    expect(await page.getByLabel('New password', { exact: true }).inputValue()).toBe('')
    const kept = await page.evaluate(() => JSON.stringify({ ...sessionStorage }))
    expect(kept).toMatch(/"handle\\":\\"[0-9a-f]{32}/)
    expect(kept).not.toContain(NEW)
    expect(kept).not.toMatch(/reset\/M/)

    await page.getByLabel('New password', { exact: true }).fill(NEW)
    await page.getByLabel('New password again', { exact: true }).fill(NEW)
    await page.getByRole('button', { name: 'Set the new password' }).click()
    await heading('Your password has been reset').waitFor()
    // The mailbox says at once that the mail's link is used up.
    await mail().getByText('This link no longer works').waitFor()
    expect(errors).toEqual([])
  })

  it('the same link opened again goes to the dead-link screen, saying it was used here', async () => {
    await mail()
      .getByRole('button', { name: /^Open the link/ })
      .click()
    await heading('This link can’t be used').waitFor()
    const main = page.getByRole('main')
    await expect.poll(() => main.innerText()).toContain('it set a new password in Account Desk')
    expect(await main.innerText()).toMatch(/You used it here on .+\(now\)\. A link works only once\./)
    expect(await page.getByLabel('New password', { exact: true }).count()).toBe(0)
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'link-used-here')
    expect(errors).toEqual([])
  })

  it('leaving typed input asks in a dialog; Stay keeps it, Leave goes', async () => {
    const email = page.getByLabel(/^E-mail address/)
    await email.fill('someone@example.com')
    await page.getByRole('navigation').getByRole('button', { name: 'All accounts' }).click()
    const dialog = page.getByRole('dialog', { name: 'Leave this screen?' })
    await dialog.waitFor()
    await expect
      .poll(() => dialog.getByRole('button', { name: 'Stay' }).evaluate((b) => b === document.activeElement))
      .toBe(true)
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'leave-dialog')
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'detached' })
    expect(await email.inputValue()).toBe('someone@example.com')

    await page.getByRole('navigation').getByRole('button', { name: 'All accounts' }).click()
    await dialog.getByRole('button', { name: 'Leave' }).click()
    await heading('Welcome to Account Desk').or(heading('Your accounts')).waitFor()
    expect(errors).toEqual([])
  })
})
