import { afterAll, beforeAll, describe, expect } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { hasChromium, requireTool } from '../helpers/require-tool'
import {
  accountAction,
  axeViolations,
  flowSteps,
  launchChromium,
  newPage,
  screenshot,
  startBrowserShell,
  type RunningShell,
} from './harness'

/**
 * Issue 6, as a new user meets it: the browser shell with nothing configured runs the real embedded demo server;
 * forgot → the in-app mailbox → the link in the mail → reset → sign in, without configuring anything.
 */
const ready = requireTool('Chromium', hasChromium(), 'sudo apt-get install -y chromium')

describe.runIf(ready)('first run with no server: the demo', () => {
  let shell: RunningShell
  let browser: Browser
  let page: Page
  const errors: string[] = []
  const NEW = 'Maple-Compass-64'
  let token: string | undefined
  // One flow on one app, as steps, so that no test comes near 60 s on a loaded machine.
  const step = flowSteps()

  beforeAll(async () => {
    ;[shell, browser] = await Promise.all([startBrowserShell(), launchChromium()])
    page = await newPage(browser)
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  })
  afterAll(async () => {
    await browser?.close()
    await shell?.stop()
  })

  step('the welcome screen offers the demo', async () => {
    await page.goto(shell.url)
    await page.getByRole('heading', { level: 1, name: 'Welcome to Account Desk' }).waitFor()
    await page.getByText('demo@example.com').first().waitFor()
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'demo-first-run-welcome')
  })

  step('forgot password: the mail arrives in the in-app mailbox', async () => {
    await page.getByRole('button', { name: 'Forgot password' }).click()
    await page.getByRole('heading', { level: 1, name: 'Forgot password' }).waitFor()
    const email = page.getByLabel(/^E-mail address/)
    if ((await email.inputValue()) === '') await email.fill('demo@example.com')
    await page.getByRole('button', { name: 'Send me a link' }).click()
    await page.getByRole('heading', { level: 1, name: 'Check your mail' }).waitFor()

    // The mail arrives in the in-app mailbox, shown as a mail client would: its link visible (a demo link, on
    // purpose) and never in the log.
    const mailbox = page.getByRole('complementary', { name: 'Demo mailbox' })
    const mail = mailbox.getByRole('article').filter({ hasText: /Password reset on/ })
    await mail.first().waitFor()
    expect(await mail.count()).toBe(1)
    await screenshot(page, 'demo-first-run-mailbox')
    const pageText = await page.locator('body').innerText()
    token = /reset\/M[A-Za-z0-9_-]*\/([0-9a-z]+-[0-9a-f]{20,})/.exec(pageText)?.[1]
    expect(token).toBeTruthy()
    expect(shell.output()).not.toContain(token)
    expect(await axeViolations(page)).toEqual([])
  })

  step('the link in the mail opens the reset form; a new password is set', async () => {
    const mailbox = page.getByRole('complementary', { name: 'Demo mailbox' })
    const mail = mailbox.getByRole('article').filter({ hasText: /Password reset on/ })
    await mail.getByRole('button', { name: /^Open the link/ }).click()
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor()
    await expect.poll(() => page.getByText('Demo server').count()).toBeGreaterThan(0)
    await page.getByLabel('New password', { exact: true }).fill(NEW)
    await page.getByLabel('New password again', { exact: true }).fill(NEW)
    await page.getByRole('button', { name: 'Set the new password' }).click()
    await page.getByRole('heading', { level: 1, name: 'Your password has been reset' }).waitFor()
    await screenshot(page, 'demo-first-run-reset-done')
  })

  step('signs in with the new password; nothing the shell logged carries a secret', async () => {
    await page.getByRole('button', { name: 'Sign in with the new password' }).click()
    await page.getByRole('heading', { level: 1, name: 'Sign in with your new password' }).waitFor()
    const username = page.getByLabel('Username')
    if ((await username.inputValue()) === '') await username.fill('demo')
    await page.getByLabel('Password', { exact: true }).fill(NEW)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByText('Signed in to Demo server as demo.').waitFor()
    await screenshot(page, 'demo-first-run-signed-in')
    expect(await axeViolations(page)).toEqual([])
    expect(errors).toEqual([])
    // Nothing the shell logged carries the new password.
    expect(shell.output()).not.toContain(NEW)
    expect(shell.output()).not.toContain(token)
  })

  step('removes the account after asking, through the real main process', async () => {
    await accountAction(page, 'demo on Demo server', 'Remove')
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    await screenshot(page, 'remove-account-dialog')
    expect(await axeViolations(page)).toEqual([])
    await dialog.getByRole('button', { name: /^Remove/ }).click()
    await page.getByText('Removed demo on Demo server from Account Desk.').waitFor()
    const accounts = await page.evaluate(() =>
      (
        window as unknown as { accountDesk: { listAccounts(r: object): Promise<{ value?: unknown[] }> } }
      ).accountDesk.listAccounts({}),
    )
    expect(accounts.value).toEqual([])
    expect(errors).toEqual([])
  })
})
