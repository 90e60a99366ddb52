import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import { hasChromium, requireTool } from '../helpers/require-tool'
import { launchChromium, newPage, startBrowserShell, type RunningShell } from './harness'

/**
 * The task a new user meets first, counted: first start → Forgot password on the demo → the mail → its link → a
 * new password → signed in. The user here acts as a keyboard-and-mouse person does: a field that already has focus
 * is typed into, one that has not is clicked first; a value already filled in is left alone; a form whose field has
 * focus is sent with Enter. Typing the password is not counted (it cannot be saved); every other click and
 * keystroke is. The bounds are the figures measured on today's code: more work for the user fails the test.
 *
 * Measured on the code before issue 15's flow work: 8 clicks, 6 keystrokes (14 actions): the reset form and the
 * sign-in after it opened with focus on the heading (a click into each password field), and the demo's username
 * was not filled in after a reset (a click and four keys). Now: 5 clicks, 2 keystrokes (7 actions).
 */
const MAX_CLICKS = 5
const MAX_KEYSTROKES = 2

const ready = requireTool('Chromium', hasChromium(), 'sudo apt-get install -y chromium')

/** Counts what a person does; the password they type is not counted. */
class CountingUser {
  clicks = 0
  keystrokes = 0
  readonly log: string[] = []

  constructor(private readonly page: Page) {}

  async click(target: Locator, what: string): Promise<void> {
    await target.click()
    this.clicks++
    this.log.push(`click ${what}`)
  }

  private async press(key: string, what: string): Promise<void> {
    await this.page.keyboard.press(key)
    this.keystrokes++
    this.log.push(`key ${key} (${what})`)
  }

  /** Puts `text` in the field: nothing when it is already there, a click first unless it has focus. */
  async fill(field: Locator, text: string, what: string, secret = false): Promise<void> {
    const value = await field.inputValue()
    if (value === text) return
    if (!(await hasFocus(field))) await this.click(field, what)
    if (value !== '') {
      await this.press('ControlOrMeta+A', `select ${what}`)
      await this.press('Backspace', `clear ${what}`)
    }
    await this.page.keyboard.type(text)
    if (!secret) this.keystrokes += text.length
    this.log.push(
      secret ? `type the password in ${what} (not counted)` : `type ${text.length} keys in ${what}`,
    )
  }

  /** Sends the form: Enter when a field of it has focus, else a click on its button. */
  async submit(button: Locator, what: string): Promise<void> {
    const inForm = await button.evaluate((b) => {
      const active = document.activeElement
      return active instanceof HTMLInputElement && active.form !== null && active.form === b.closest('form')
    })
    if (inForm) await this.press('Enter', what)
    else await this.click(button, what)
  }
}

const hasFocus = (field: Locator) => field.evaluate((el) => el === document.activeElement)

describe.runIf(ready)('the first task, counted: forgot password on the demo → signed in', () => {
  let shell: RunningShell
  let browser: Browser
  let page: Page
  const NEW = 'Lantern-Orchid-82'

  beforeAll(async () => {
    ;[shell, browser] = await Promise.all([startBrowserShell(), launchChromium()])
    page = await newPage(browser)
  })
  afterAll(async () => {
    await browser?.close()
    await shell?.stop()
  })

  it('takes no more clicks and keystrokes than measured', async () => {
    const user = new CountingUser(page)
    await page.goto(shell.url)
    await page.getByRole('heading', { level: 1, name: 'Welcome to Account Desk' }).waitFor()

    await user.click(page.getByRole('button', { name: 'Forgot password' }).first(), 'Forgot password')
    await page.getByRole('heading', { level: 1, name: 'Forgot password' }).waitFor()
    await user.fill(page.getByLabel(/^E-mail address/), 'demo@example.com', 'the e-mail address')
    await user.submit(page.getByRole('button', { name: 'Send me a link' }), 'send the link')

    const mail = page
      .getByRole('complementary', { name: 'Demo mailbox' })
      .getByRole('article')
      .filter({ hasText: /Password reset on/ })
      .first()
    await mail.waitFor()
    await user.click(mail.getByRole('button', { name: /^Open the link/ }), 'Open link in the mail')

    const form = page.getByRole('heading', { level: 1, name: 'Choose a new password' })
    const arrived = page.getByRole('heading', { level: 1, name: 'A reset link arrived' })
    await form.or(arrived).waitFor()
    if (await arrived.isVisible())
      await user.click(page.getByRole('button', { name: 'Open the reset form' }), 'Open the reset form')
    await form.waitFor()
    await user.fill(page.getByLabel('New password', { exact: true }), NEW, 'New password', true)
    await user.fill(page.getByLabel('New password again', { exact: true }), NEW, 'New password again', true)
    await user.submit(page.getByRole('button', { name: 'Set the new password' }), 'set the password')

    const signInForm = page.getByRole('form', { name: 'Sign in' })
    const done = page.getByRole('heading', { level: 1, name: 'Your password has been reset' })
    await done.or(signInForm).waitFor()
    if (await done.isVisible())
      await user.click(page.getByRole('button', { name: 'Sign in with the new password' }), 'Sign in (done)')
    await signInForm.waitFor()
    await user.fill(signInForm.getByLabel('Username'), 'demo', 'Username')
    await user.fill(signInForm.getByLabel('Password', { exact: true }), NEW, 'Password', true)
    await user.submit(signInForm.getByRole('button', { name: 'Sign in', exact: true }), 'sign in')
    await page.getByText('Signed in to Demo server as demo.').waitFor()

    console.log(
      `First task (forgot password on the demo → signed in): ${user.clicks} clicks, ${user.keystrokes} keystrokes` +
        ` (the password not counted)\n  ${user.log.join('\n  ')}`,
    )
    expect(user.clicks).toBeLessThanOrEqual(MAX_CLICKS)
    expect(user.keystrokes).toBeLessThanOrEqual(MAX_KEYSTROKES)
  })
})
