import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import { DEV_SCHEME } from '../../src/shared/app'
import { backendKind, type BackendKind } from '../../src/shared/backend-kinds'
import { generationUnderTest, OLDEST_DJANGO, type DjangoServer } from '../servers/django'
import {
  accountAction,
  capture as photograph,
  flowSteps,
  launchChromium,
  newPage,
  startBrowserShell,
  type CaptureSet,
  type RunningShell,
} from './harness'

/**
 * The flows (a)–(e) of the screens end to end, for one kind of server (flows-djoser.test.ts, flows-django-forms.test.ts;
 * flows-allauth-*.test.ts: django-allauth's headless API and its pages): the built renderer in Debian's Chromium,
 * through the browser shell (the same main-process services), against a real Django server. Links are read from
 * the mail Django wrote and handed to the app the way the OS would (a second launch with the link), or pasted where
 * the server mails its own page's link. Screens are photographed (test-results/screenshots) and checked with axe,
 * for the kinds that ask for it.
 */
export interface FlowTarget {
  kind: BackendKind
  /** The server, started once for the file: users are made per test. */
  start: () => Promise<DjangoServer>
  /** How the mailed link reaches the app: opened as the OS would (the app's scheme), or pasted (an http(s) page). */
  link: 'open' | 'paste'
  /**
   * Screenshots and axe of every main screen. The screens are the app's own whatever the kind, and only the
   * server's words in them change: one kind takes the full set (every size, light and dark; on the oldest Django
   * generation, see harness.ts), a kind whose messages differ takes each screen once, the others none.
   */
  photograph: CaptureSet | false
}

/** Where each kind's server puts the messages of a too weak new password on the reset form. */
const WEAK_PASSWORD_FIELD: Record<BackendKind, string> = {
  djoser: 'New password',
  'django-forms': 'New password again',
  allauth: 'New password',
  'allauth-html': 'New password',
}

/** The browser shell opens links of the development scheme (checked against AppInfo in each test). */
export const SCHEME = DEV_SCHEME

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name })

async function expectFocused(locator: Locator) {
  await expect.poll(() => locator.evaluate((el) => el === document.activeElement)).toBe(true)
}

/** Presses Tab (or Shift+Tab) until the focused element's name matches: the keyboard-only way to reach it. */
async function tabTo(page: Page, name: RegExp, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (!el) return ''
      const input = el as HTMLInputElement
      const label = input.labels?.[0]?.textContent ?? ''
      return `${el.getAttribute('aria-label') ?? ''} ${label} ${el.textContent ?? ''}`.trim()
    })
    if (name.test(focused)) return
  }
  throw new Error(`Tab never reached ${name}`)
}

/** The flows on one server of one kind; call inside a describe. */
export function defineFlows(target: FlowTarget): void {
  const { kind } = target
  let django: DjangoServer
  let shell: RunningShell
  let browser: Browser
  let page: Page
  let errors: string[]
  let n = 0
  // The newer generation's screenshots beside the oldest's, not over them (both e2e projects run at once).
  const generation = generationUnderTest()
  const shot = (name: string) =>
    generation === OLDEST_DJANGO ? `${kind}-${name}` : `${kind}-django-${generation}-${name}`
  /** Screenshots and axe at the flow's main screens; the same screens for every kind, so some kinds skip them. */
  const capture = (p: Page, name: string) =>
    target.photograph === false
      ? Promise.resolve()
      : photograph(p, name, target.photograph === 'once' ? 'once' : undefined)
  const OLD = 'Quartz-Lantern-58'
  const NEW = 'Velvet-Harbour-27'

  beforeAll(async () => {
    ;[django, browser] = await Promise.all([target.start(), launchChromium()])
  })
  /** The steps of one flow on one app (harness.ts), each with its screenshots and axe scans. */
  const steps = flowSteps

  /** Closes the app of the test (or of the steps of a flow) before. */
  async function close() {
    await page?.context().close()
    await shell?.stop()
  }
  afterAll(async () => {
    await close()
    await browser?.close()
    await django?.stop()
  })

  /** A fresh app (browser shell with its own data folder), a fresh page and a fresh Django user for each test. */
  async function open(): Promise<{ username: string; email: string }> {
    await close()
    shell = await startBrowserShell({
      args: ['--no-demo'],
      servers: [{ id: 'corp', displayName: 'Example Corp', baseUrl: django.baseUrl, kind }],
    })
    n++
    const username = `user${n}`
    const email = `${username}@example.com`
    await django.createUser(username, email, OLD)
    page = await newPage(browser)
    errors = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.goto(shell.url)
    await heading(page, /Welcome|Your accounts/).waitFor()
    const scheme = await page.evaluate(async () => {
      const info = await (
        window as unknown as {
          accountDesk: { getAppInfo(r: object): Promise<{ ok: boolean; value?: { scheme: string } }> }
        }
      ).accountDesk.getAppInfo({})
      return info.value?.scheme
    })
    expect(scheme, 'the scheme Django puts in its links must be the one the shell opens').toBe(SCHEME)
    return { username, email }
  }

  async function signIn(username: string, password: string) {
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Password', { exact: true }).fill(password)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  }

  /**
   * The link Django mailed, handed to the running app as a second launch would; or, for a server that mails its
   * own page's link (allauth's pages), pasted on "Check your mail" by keyboard.
   */
  async function clickMailedLink(email: string) {
    const link = django.lastLinkFor(email)
    if (target.link === 'paste') {
      expect(link.url.startsWith(`${django.baseUrl}/`)).toBe(true)
      await tabTo(page, /Paste the link from your e-mail/)
      await page.keyboard.type(link.url)
      await page.keyboard.press('Enter')
      return
    }
    expect(link.url.startsWith(`${SCHEME}://`)).toBe(true)
    const handed = await shell.openLink(link.url)
    expect(handed.code, handed.output).toBe(0)
    if (backendKind(kind).canCheckLink) {
      // Django's views can tell a dead link, but a link never makes a request by itself: one key press
      // (keyboard only, as flow (e) needs) opens it and checks it.
      await expectFocused(heading(page, 'A reset link arrived'))
      await tabTo(page, /Open the reset form/)
      await page.keyboard.press('Enter')
    }
  }

  async function requestLink(email: string) {
    await page
      .getByRole('button', { name: /^Forgot (a )?password$/ })
      .first()
      .click()
    await heading(page, 'Forgot password').waitFor()
    await page.getByLabel(/^E-mail address/).fill(email)
    await page.getByRole('button', { name: 'Send me a link' }).click()
    await heading(page, 'Check your mail').waitFor()
  }

  /**
   * (a) forgot → mail → link → reset → sign in with the new password; the old one is refused. One app through
   * the whole flow, one step per screen.
   */
  describe('(a) forgot → mail → link → reset → sign in with the new password; the old one is refused', () => {
    let user: { username: string; email: string }
    const step = steps()

    step('welcome', async () => {
      user = await open()
      await capture(page, shot('01-welcome'))
    })
    step('forgot password', async () => {
      await page.getByRole('button', { name: 'Forgot password', exact: true }).click()
      await heading(page, 'Forgot password').waitFor()
      await page.getByLabel(/^E-mail address/).fill(user.email)
      await capture(page, shot('02-forgot-password'))
    })
    step('check your mail', async () => {
      await page.getByRole('button', { name: 'Send me a link' }).click()
      await expectFocused(heading(page, 'Check your mail'))
      await expect.poll(() => page.getByText(user.email).count()).toBeGreaterThan(0)
      await capture(page, shot('03-check-your-mail'))
    })
    step('the mailed link opens the reset form', async () => {
      await clickMailedLink(user.email)
      // The one thing to do there is typing: focus is in the first field.
      await heading(page, 'Choose a new password').waitFor()
      await expectFocused(page.getByLabel('New password', { exact: true }))
      await expect.poll(() => page.getByText('Example Corp').count()).toBeGreaterThan(0)
      await expect.poll(() => page.getByText(/^\(now\)$|^\(\d+ minutes? ago\)$/).count()).toBe(1)
      await page.getByLabel('New password', { exact: true }).fill(NEW)
      await page.getByLabel('New password again', { exact: true }).fill(NEW)
      await expect.poll(() => page.getByText(/^(\d) of \1 requirements met\.$/).count()).toBe(1)
      // zxcvbn loads when a password is first typed: on a loaded machine that takes seconds.
      await expect
        .poll(() => page.locator('.strength-text strong').textContent(), { timeout: 30_000 })
        .toMatch(/Good|Strong/)
      await capture(page, shot('04-reset-form'))
    })
    step('reset done', async () => {
      await page.getByRole('button', { name: 'Set the new password' }).click()
      await expectFocused(heading(page, 'Your password has been reset'))
      await expect.poll(() => page.locator('.success-panel').textContent()).toMatch(/signed (in|out)/)
      await capture(page, shot('05-reset-done'))
    })
    step('sign in with the new password', async () => {
      await page.getByRole('button', { name: 'Sign in with the new password' }).click()
      await heading(page, 'Sign in with your new password').waitFor()
      await capture(page, shot('06-sign-in-after-reset'))
    })
    step('accounts, signed in', async () => {
      await signIn(user.username, NEW)
      await page.getByText(`Signed in to Example Corp as ${user.username}.`).waitFor()
      await capture(page, shot('07-accounts'))
    })
    step('the old password is refused, the new one works', async () => {
      const { username } = user
      await accountAction(page, `${username} on Example Corp`, 'Sign out')
      await page.getByText(`Signed out of Example Corp as ${username}.`).waitFor()
      await accountAction(page, `${username} on Example Corp`, 'Sign in')
      await heading(page, 'Sign in').waitFor()
      await signIn(username, OLD)
      await page.getByRole('alert').filter({ hasText: 'Sign-in failed' }).waitFor()
      await capture(page, shot('08-sign-in-refused'))
      await signIn(username, NEW)
      await page.getByText(`Signed in to Example Corp as ${username}.`).waitFor()
      expect(errors).toEqual([])
    })
  })

  describe('(b) change password, then sign in with the new one', () => {
    let username: string
    const step = steps()
    step('sign in', async () => {
      ;({ username } = await open())
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await heading(page, 'Sign in').waitFor()
      await capture(page, shot('10-sign-in'))
      await signIn(username, OLD)
      await page.getByText(`Signed in to Example Corp as ${username}.`).waitFor()
    })
    step('change password', async () => {
      await accountAction(page, `${username} on Example Corp`, 'Change password')
      await expectFocused(heading(page, 'Change password'))
      await page.getByLabel('Current password', { exact: true }).fill(OLD)
      await page.getByLabel('New password', { exact: true }).fill(NEW)
      await page.getByLabel('New password again', { exact: true }).fill(NEW)
      await capture(page, shot('11-change-password'))
    })
    step('password changed', async () => {
      await page.getByRole('button', { name: 'Change password', exact: true }).click()
      await expectFocused(heading(page, 'Your password has been changed'))
      await capture(page, shot('12-change-done'))
    })
    step('the old password is refused, the new one works', async () => {
      await page.getByRole('main').getByRole('button', { name: 'All accounts' }).click()
      await accountAction(page, `${username} on Example Corp`, 'Sign out')
      await accountAction(page, `${username} on Example Corp`, 'Sign in')
      await signIn(username, OLD)
      await page.getByRole('alert').filter({ hasText: 'Sign-in failed' }).waitFor()
      await signIn(username, NEW)
      await page.getByText(`Signed in to Example Corp as ${username}.`).waitFor()
      expect(errors).toEqual([])
    })
  })

  it('(c) an expired link gets its own screen with "send a new link" prefilled', async () => {
    const { email } = await open()
    await requestLink(email)
    await django.expireTokens()
    await clickMailedLink(email)
    if (!backendKind(kind).canCheckLink) {
      // djoser cannot tell a dead link before it is used: the form opens and the server says so on submit.
      await heading(page, 'Choose a new password').waitFor()
      await page.getByLabel('New password', { exact: true }).fill(NEW)
      await page.getByLabel('New password again', { exact: true }).fill(NEW)
      await page.getByRole('button', { name: 'Set the new password' }).click()
    }
    await expectFocused(heading(page, 'This link can’t be used'))
    await expect.poll(() => page.getByLabel(/^E-mail address/).inputValue()).toBe(email)
    await capture(page, shot('20-link-problem'))
    const before = django.mailsTo(email).length
    await page.getByRole('button', { name: 'Send a new link' }).click()
    await heading(page, 'Check your mail').waitFor()
    expect(django.mailsTo(email).length).toBe(before + 1)
    expect(errors).toEqual([])
  })

  describe('(d) weak passwords: the live checklist, then the server’s own messages on the field', () => {
    const step = steps()
    const field = () => page.getByLabel('New password', { exact: true })
    step('the mailed link opens the reset form', async () => {
      const { email } = await open()
      await requestLink(email)
      await clickMailedLink(email)
      await heading(page, 'Choose a new password').waitFor()
    })
    step('the live checklist', async () => {
      await field().fill('1234567')
      await page.getByLabel('New password again', { exact: true }).fill('1234567')
      for (const rule of ['At least 8 characters', 'Not a common password', 'Not only numbers'])
        await expect.poll(() => page.locator('.check--unmet', { hasText: rule }).count()).toBe(1)
      await capture(page, shot('30-weak-password-checklist'))
    })
    step('the server’s messages on the field it named; the link still works', async () => {
      await page.getByRole('button', { name: 'Set the new password' }).click()
      // The server's own messages, on the field the server put them on: djoser's new_password and allauth's
      // password / password1 (the first field), Django's form validates new_password2 (the second). Focus goes to that field; it describes itself with them.
      const invalid = page.locator('input[aria-invalid="true"]')
      await invalid.first().waitFor()
      expect(await invalid.count()).toBe(1)
      await expectFocused(invalid)
      const description = () =>
        invalid.evaluate((el) =>
          (el.getAttribute('aria-describedby') ?? '')
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' '),
        )
      await expect.poll(description).toMatch(/too short/)
      await expect.poll(description).toMatch(/too common/)
      await expect.poll(description).toMatch(/entirely numeric/)
      expect(await invalid.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent)).toBe(
        WEAK_PASSWORD_FIELD[kind],
      )
      await capture(page, shot('31-weak-password-server'))
      // The link was not used up by the refusal: a good password still works.
      await field().fill(NEW)
      await page.getByLabel('New password again', { exact: true }).fill(NEW)
      await page.getByRole('button', { name: 'Set the new password' }).click()
      await heading(page, 'Your password has been reset').waitFor()
      expect(errors).toEqual([])
    })
  })

  it('(e) the reset flow by keyboard only', async () => {
    const { username, email } = await open()
    await tabTo(page, /^Forgot password$/)
    await page.keyboard.press('Enter')
    await expectFocused(heading(page, 'Forgot password'))
    await tabTo(page, /E-mail address/)
    await page.keyboard.type(email)
    await page.keyboard.press('Enter')
    await expectFocused(heading(page, 'Check your mail'))
    await clickMailedLink(email)
    await heading(page, 'Choose a new password').waitFor()
    await expectFocused(page.getByLabel('New password', { exact: true }))
    await page.keyboard.type(NEW)
    await tabTo(page, /^New password again$/)
    await page.keyboard.type(NEW)
    await page.keyboard.press('Enter')
    await expectFocused(heading(page, 'Your password has been reset'))
    await tabTo(page, /^Sign in with the new password$/)
    await page.keyboard.press('Enter')
    await heading(page, 'Sign in with your new password').waitFor()
    // Focus is in the first empty field: the username when the app could not tell it, else the password.
    const signInName = page.getByLabel('Username')
    if ((await signInName.inputValue()) === '') {
      await expectFocused(signInName)
      await page.keyboard.type(username)
      await tabTo(page, /^Password$/)
    } else {
      expect(await signInName.inputValue()).toBe(username)
      await expectFocused(page.getByLabel('Password', { exact: true }))
    }
    await page.keyboard.type(NEW)
    await page.keyboard.press('Enter')
    await page.getByText(`Signed in to Example Corp as ${username}.`).waitFor()
    expect(errors).toEqual([])
  })
}
