import { afterAll, beforeAll, describe, expect } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { DEV_SCHEME } from '../../src/shared/app'
import { hasChromium, requireTool } from '../helpers/require-tool'
import { requireAllauth, startDjango, type DjangoServer } from '../servers/django'
import {
  accountAction,
  axeViolations,
  flowSteps,
  launchChromium,
  newPage,
  startBrowserShell,
  type RunningShell,
} from './harness'

/**
 * django-allauth end to end, through its headless API: the built renderer in Debian's Chromium through the
 * browser shell, against real allauth 65 on Django 5.2 whose people sign in by e-mail address and whose reset
 * mail links to the app (HEADLESS_FRONTEND_URLS). Added through Add server with the allauth choice; the app learns
 * the e-mail sign-in from the server's config. Then sign in, forgot → mail → link → reset → sign in with the new
 * password, and a change. One app through the flow, one step per test.
 */
const ready = requireTool('Chromium', hasChromium(), 'sudo apt-get install -y chromium') && requireAllauth()

describe.runIf(ready)('the screens against real django-allauth (headless API)', () => {
  let allauth: DjangoServer
  let browser: Browser
  let shell: RunningShell
  let page: Page
  const errors: string[] = []
  const EMAIL = 'ada@example.com'
  const OLD = 'Quartz-Lantern-58'
  const NEW = 'Velvet-Harbour-27'
  const NEWER = 'Cobalt-Meadow-37'

  beforeAll(async () => {
    ;[allauth, browser] = await Promise.all([
      startDjango({ allauth: 'email', linkScheme: DEV_SCHEME }),
      launchChromium(),
    ])
    await allauth.createUser('ada', EMAIL, OLD)
    shell = await startBrowserShell({ args: ['--no-demo'] })
    page = await newPage(browser)
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.goto(shell.url)
  })
  afterAll(async () => {
    await page?.context().close()
    await shell?.stop()
    await browser?.close()
    await allauth?.stop()
  })

  const step = flowSteps()
  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name })
  const signIn = async (password: string) => {
    await page.getByRole('textbox', { name: 'E-mail address' }).fill(EMAIL)
    await page.getByLabel('Password', { exact: true }).fill(password)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  }

  step(
    'Add server finds django-allauth by itself: the sign-in screen asks for the e-mail address',
    async () => {
      await page.getByRole('button', { name: 'Add a server' }).first().click()
      await page.getByLabel('Name', { exact: true }).fill('Allauth Corp')
      await page.getByLabel('Address', { exact: true }).fill(allauth.baseUrl)
      // No kind to choose: the check reads allauth's config, which says people sign in by e-mail.
      const check = page.locator('.server-check')
      await check
        .getByText('This server uses django-allauth’s sign-in service for apps.')
        .waitFor({ timeout: 30_000 })
      expect(await check.textContent()).toContain('People sign in with their e-mail address.')
      await page.getByRole('button', { name: 'Add the server' }).click()
      const address = page.getByRole('textbox', { name: 'E-mail address' })
      await address.waitFor({ timeout: 30_000 })
      expect(await address.getAttribute('type')).toBe('email')
      expect(await axeViolations(page)).toEqual([])
    },
  )

  step('sign in with the address; a wrong password gets the server’s words', async () => {
    await signIn('Not-The-Password-1')
    await page.getByText('The email address and/or password you specified are not correct.').waitFor()
    await signIn(OLD)
    await page.getByText(/Signed in to Allauth Corp as ada\./).waitFor({ timeout: 30_000 })
  })

  step('forgot password → check your mail', async () => {
    await accountAction(page, 'ada on Allauth Corp', 'Sign out')
    await page.getByText('Signed out of Allauth Corp as ada.').waitFor()
    await page
      .getByRole('button', { name: /^Forgot (a )?password$/ })
      .first()
      .click()
    await heading('Forgot password').waitFor()
    await page.getByLabel(/^E-mail address/).fill(EMAIL)
    await page.getByRole('button', { name: 'Send me a link' }).click()
    await heading('Check your mail').waitFor()
  })

  step('the mailed app link opens, is checked, and the reset form refuses a weak password', async () => {
    const link = allauth.lastLinkFor(EMAIL)
    expect(link.url).toBe(
      `${DEV_SCHEME}://127.0.0.1:${allauth.port}/accounts/password/reset/key/${link.uid}-${link.token}/`,
    )
    const handed = await shell.openLink(link.url)
    expect(handed.code, handed.output).toBe(0)
    // allauth can check a key without using it: one press opens the form after the check.
    await heading('A reset link arrived').waitFor()
    await page.getByRole('button', { name: /Open the reset form/ }).click()
    await heading('Choose a new password').waitFor()
    // Passes the app's own checklist (Django's rules, ported) but not the server's (similar to the address).
    await page.getByLabel('New password', { exact: true }).fill('ada@example')
    await page.getByLabel('New password again', { exact: true }).fill('ada@example')
    await page.getByRole('button', { name: 'Set the new password' }).click()
    await page.getByText('The password is too similar to the email address.').first().waitFor()
  })

  step('reset done; the new password signs in', async () => {
    await page.getByLabel('New password', { exact: true }).fill(NEW)
    await page.getByLabel('New password again', { exact: true }).fill(NEW)
    await page.getByRole('button', { name: 'Set the new password' }).click()
    await heading('Your password has been reset').waitFor()
    await page.getByRole('button', { name: 'Sign in with the new password' }).click()
    await heading('Sign in with your new password').waitFor()
    await signIn(NEW)
    await page.getByText(/Signed in to Allauth Corp as ada\./).waitFor({ timeout: 30_000 })
  })

  const change = async (current: string, next: string) => {
    await accountAction(page, 'ada on Allauth Corp', 'Change password')
    await heading('Change password').waitFor()
    await page.getByLabel('Current password', { exact: true }).fill(current)
    await page.getByLabel('New password', { exact: true }).fill(next)
    await page.getByLabel('New password again', { exact: true }).fill(next)
    await page.getByRole('button', { name: 'Change password', exact: true }).click()
    await heading('Your password has been changed').waitFor()
    await page.getByRole('main').getByRole('button', { name: 'All accounts' }).click()
  }

  step('change password twice: the app keeps the new session token allauth gives back', async () => {
    await change(NEW, NEWER)
    // allauth ended the old token with the change (410 from then on): a second change works only with the new one.
    await change(NEWER, NEW)
    await accountAction(page, 'ada on Allauth Corp', 'Sign out')
    await page.getByText('Signed out of Allauth Corp as ada.').waitFor()
    expect(errors).toEqual([])
  })
})
