import { afterAll, beforeAll, describe, expect } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { hasChromium, requireTool } from '../helpers/require-tool'
import { VIEWPORT } from '../helpers/chromium.mjs'
import {
  axeViolations,
  flowSteps,
  launchChromium,
  screenshot,
  SCREEN_SIZES,
  startBrowserShell,
  type RunningShell,
} from './harness'
import { namesIn, overflowing } from './i18n-names'

/**
 * The app in another language, in Chromium through the browser shell with its real demo server:
 *  - German (the browser's language de-DE): the main flows step by step, each screen photographed
 *    (test-results/screenshots/de-*.png) and checked with axe, with <html lang="de">;
 *  - ar-XB, the right-to-left pseudo-locale (?pseudo=ar-XB): the sign-in screen and the reset form photographed
 *    (ar-XB-*.png) at each window size, with no text wider than its box or past the window's edge.
 * The tests name things in English; namesIn() gives each name in the language from the catalogs.
 */
const ready = requireTool('Chromium', hasChromium(), 'sudo apt-get install -y chromium')

async function open(browser: Browser, shell: RunningShell, locale: string, search = ''): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: VIEWPORT })
  const page = await context.newPage()
  const url = new URL(shell.url)
  url.search = search
  await page.goto(url.toString())
  return page
}

describe.runIf(ready)('German: the main flows, photographed and checked with axe', () => {
  let shell: RunningShell
  let browser: Browser
  let page: Page
  const errors: string[] = []
  const de = namesIn('de')
  const NEW = 'Ahorn-Kompass-64'
  const NEWER = 'Linden-Sextant-91'
  const step = flowSteps()
  const heading = (name: string) => page.getByRole('heading', { level: 1, name: de(name) })

  /** The screen in German: <html lang="de">, a screenshot, and no axe violation. */
  async function capture(name: string) {
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de')
    await screenshot(page, `de-${name}`)
    expect(await axeViolations(page), `axe on ${name}`).toEqual([])
  }

  beforeAll(async () => {
    ;[shell, browser] = await Promise.all([startBrowserShell(), launchChromium()])
    page = await open(browser, shell, 'de-DE')
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  })
  afterAll(async () => {
    await browser?.close()
    await shell?.stop()
  })

  step('welcome, with the demo', async () => {
    await heading('Welcome to Account Desk').waitFor()
    await capture('01-welcome')
  })

  step('forgot password', async () => {
    await page.getByRole('button', { name: de('Forgot password') }).click()
    await heading('Forgot password').waitFor()
    await capture('02-forgot-password')
  })

  step('check your mail, the mail in the demo mailbox', async () => {
    const email = page.getByLabel(de('E-mail address', 'start'))
    if ((await email.inputValue()) === '') await email.fill('demo@example.com')
    await page.getByRole('button', { name: de('Send me a link') }).click()
    await heading('Check your mail').waitFor()
    await page.getByRole('complementary').getByRole('article').first().waitFor()
    await capture('03-check-your-mail')
  })

  step('the reset form', async () => {
    await page.getByRole('complementary').getByRole('article').first().getByRole('button').first().click()
    await heading('Choose a new password').waitFor()
    await page.getByLabel(de('New password'), { exact: true }).fill(NEW)
    await page.getByLabel(de('New password again'), { exact: true }).fill(NEW)
    await capture('04-reset-form')
  })

  step('reset done', async () => {
    await page.getByRole('button', { name: de('Set the new password') }).click()
    await heading('Your password has been reset').waitFor()
    await capture('05-reset-done')
  })

  step('sign in with the new password', async () => {
    await page.getByRole('button', { name: de('Sign in with the new password') }).click()
    await heading('Sign in with your new password').waitFor()
    const username = page.getByLabel(de('Username'))
    if ((await username.inputValue()) === '') await username.fill('demo')
    await page.getByLabel(de('Password'), { exact: true }).fill(NEW)
    await capture('06-sign-in')
  })

  step('your accounts', async () => {
    await page.getByRole('button', { name: de('Sign in'), exact: true }).click()
    await heading('Your accounts').waitFor()
    await capture('07-accounts')
  })

  step('the account menu', async () => {
    await page.getByRole('button', { name: de('Actions for demo on Demo server') }).click()
    await page.getByRole('menu').waitFor()
    await capture('08-account-menu')
  })

  step('change password', async () => {
    await page.getByRole('menuitem', { name: de('Change password') }).click()
    await heading('Change password').waitFor()
    await page.getByLabel(de('Current password'), { exact: true }).fill(NEW)
    await page.getByLabel(de('New password'), { exact: true }).fill(NEWER)
    await page.getByLabel(de('New password again'), { exact: true }).fill(NEWER)
    await capture('09-change-password')
  })

  step('password changed', async () => {
    await page.getByRole('button', { name: de('Change password') }).click()
    await heading('Your password has been changed').waitFor()
    await capture('10-change-done')
  })

  step('About and diagnostics', async () => {
    await page.getByRole('button', { name: de('About') }).click()
    await heading('About and diagnostics').waitFor()
    await capture('11-about')
  })

  step('add a server', async () => {
    await page
      .getByRole('button', { name: de('All accounts') })
      .first()
      .click()
    await page.getByRole('button', { name: de('Add a server') }).click()
    await heading('Add a server').waitFor()
    await capture('12-add-server')
    expect(errors).toEqual([])
  })
})

describe.runIf(ready)('ar-XB: right to left, nothing clipped or overflowing', () => {
  let shell: RunningShell
  let browser: Browser
  let page: Page
  const ar = namesIn('ar-XB')
  const step = flowSteps()
  const heading = (name: string) => page.getByRole('heading', { level: 1, name: ar(name) })

  /** At each window size: a screenshot, and no text that does not fit. */
  async function fits(name: string) {
    const problems: Record<string, string[]> = {}
    for (const size of SCREEN_SIZES) {
      await page.setViewportSize(size)
      await screenshot(page, `ar-XB-${name}-${size.width}x${size.height}`)
      const found = await overflowing(page)
      if (found.length) problems[`${size.width}x${size.height}`] = found
    }
    expect(problems, `text that does not fit on ${name}`).toEqual({})
  }

  beforeAll(async () => {
    ;[shell, browser] = await Promise.all([startBrowserShell(), launchChromium()])
    page = await open(browser, shell, 'en-US', '?pseudo=ar-XB')
  })
  afterAll(async () => {
    await browser?.close()
    await shell?.stop()
  })

  step('the check sees text that does not fit', async () => {
    const probe = await browser.newPage({ viewport: { width: 400, height: 300 } })
    await probe.setContent(`<html dir="rtl"><body style="margin:0">
      <p style="width:80px;white-space:nowrap;overflow:hidden">⟦a label far too long for its box⟧</p>
      <p style="margin-inline-start:-60px">⟦pushed past the edge⟧</p>
      <p style="position:absolute;clip-path:inset(50%);width:1px;overflow:hidden">visually hidden on purpose</p>
      <p>⟦fits⟧</p></body></html>`)
    const found = await overflowing(probe)
    await probe.close()
    expect(found).toEqual([
      expect.stringMatching(/^<p> "⟦a label far too long for its box⟧": content \d+px in a 80px box$/),
      expect.stringMatching(/^<p> "⟦pushed past the edge⟧": from \d+ to 4[0-9]{2} in a 400px window$/),
    ])
  })

  step('the page is right to left', async () => {
    await heading('Welcome to Account Desk').waitFor()
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ar-XB',
      'rtl',
    ])
    await fits('welcome')
  })

  step('the sign-in screen', async () => {
    await page.getByRole('button', { name: ar('Sign in to the demo') }).click()
    await heading('Sign in').waitFor()
    await fits('sign-in')
  })

  step('the reset form', async () => {
    await page
      .getByRole('button', { name: ar('Forgot password') })
      .first()
      .click()
    await heading('Forgot password').waitFor()
    const email = page.getByLabel(ar('E-mail address', 'start'))
    if ((await email.inputValue()) === '') await email.fill('demo@example.com')
    await page.getByRole('button', { name: ar('Send me a link') }).click()
    await heading('Check your mail').waitFor()
    await page.getByRole('complementary').getByRole('article').first().getByRole('button').first().click()
    await heading('Choose a new password').waitFor()
    await page.getByLabel(ar('New password'), { exact: true }).fill('Ahorn-Kompass-64')
    await fits('reset-form')
  })
})
