import http from 'node:http'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { SECURITY_HEADERS } from '../../src/main/security/csp'
import { hasChromium, requireTool } from '../helpers/require-tool'
import { accountAction, capture as captureAll, launchChromium, newPage, ROOT, screenshot } from './harness'

/**
 * The states the real servers cannot be made to show on demand (the demo with its mailbox, the dialog when a link
 * arrives mid-typing, a rate limit, an ambiguous timeout, a link being checked, a refused link): the built
 * renderer, served with its CSP, on a scripted bridge in Chromium. Screenshots in light and dark, axe in both.
 */
const ready = requireTool('Chromium', hasChromium(), 'sudo apt-get install -y chromium')

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
}

/** Runs in the page before the renderer: a bridge whose answers the scenario scripts. */
function installFakeBridge(scenario: string) {
  const now = Date.now()
  // The demo server's own link, as its mailbox shows it (made up: this page has no demo server behind it).
  const DEMO_LINK = 'accountdesk://127.0.0.1:8000/reset/MQ/d0a0b0-0123456789abcdef0123'
  const rules = { minLength: 8, notNumeric: true, notCommon: true, notSimilar: true, maxLength: 4096 }
  const corp = {
    id: 'corp',
    displayName: 'Example Corp',
    baseUrl: 'https://accounts.example.com',
    host: 'accounts.example.com',
    kind: 'django-forms',
    passwordRules: rules,
    canCheckLink: scenario === 'checking',
    locked: false,
    demo: false,
  }
  const demo = {
    ...corp,
    id: 'demo',
    displayName: 'Demo server',
    baseUrl: 'http://127.0.0.1:41000',
    host: '127.0.0.1:41000',
    kind: 'djoser',
    canCheckLink: false,
    locked: true,
    demo: true,
  }
  const alice = {
    id: 'corp:alice',
    serverId: 'corp',
    username: 'alice',
    email: 'alice@example.com',
    signedIn: true,
    sessionStorage: 'encrypted',
  }
  const isDemo = scenario === 'demo'
  // Many accounts: the list is longer than a small window, so a notice must stay in view on its own.
  const many = Array.from({ length: 8 }, (_, i) => ({
    ...alice,
    id: `corp:user${i + 1}`,
    username: `user${i + 1}`,
    email: `user${i + 1}@example.com`,
  }))
  const signedOut = new Set<string>()
  const ok = (value: unknown) => Promise.resolve({ ok: true, value })
  const fail = (error: unknown) => Promise.resolve({ ok: false, error })
  const never = () => new Promise(() => {})
  const listeners: Record<string, Set<(p: unknown) => void>> = { onLink: new Set(), onDemoMail: new Set() }
  const bridge: Record<string, unknown> = {
    getAppInfo: () =>
      ok({
        name: 'Account Desk',
        version: '0.1.0',
        scheme: 'accountdesk',
        platform: 'linux',
        shell: 'browser-shell',
        demo: isDemo
          ? {
              enabled: true,
              running: true,
              username: 'demo',
              password: 'Demo-Walkthrough-2026',
              email: 'demo@example.com',
            }
          : { enabled: false, running: false },
        secretStorage: 'encrypted',
        notices: [],
        serversLocked: false,
      }),
    rendererReady: () => ok({}),
    cancelPending: () => ok({}),
    listServers: () => ok(isDemo ? [demo] : [corp]),
    listAccounts: () =>
      ok(
        isDemo
          ? []
          : (scenario === 'many' ? many : [alice]).map((a) => ({ ...a, signedIn: !signedOut.has(a.id) })),
      ),
    signOut: ({ accountId }: { accountId: string }) => (signedOut.add(accountId), ok({})),
    getDiagnostics: () =>
      ok({
        text: 'Account Desk 0.1.0 (browser shell)\nOS: linux\nServers: https://accounts.example.com (django-forms)\nSign-ins kept: encrypted',
        logFile: '/home/alice/.config/Account Desk/logs/main.log',
      }),
    listDemoMail: () =>
      ok(
        isDemo
          ? [
              {
                id: 'm2',
                to: 'demo@example.com',
                subject: 'Password reset on Demo server',
                receivedAt: new Date(now - 60_000).toISOString(),
                text: `You asked to reset your password on Demo server.\n\nPlease go to the following page and choose a new password:\n${DEMO_LINK}\n\nYour username, in case you’ve forgotten: demo`,
                hasLink: true,
                link: DEMO_LINK,
                linkWorks: true,
              },
              {
                id: 'm1',
                to: 'demo@example.com',
                subject: 'Welcome to the demo',
                receivedAt: new Date(now - 3_600_000).toISOString(),
                text: 'This mailbox shows what the demo server sends.',
                hasLink: false,
              },
            ]
          : [],
      ),
    signIn: () =>
      scenario === 'rate-limited'
        ? fail({
            kind: 'rate-limited',
            message: { code: 'rate-limited', seconds: 42 },
            serverMessage: 'Request was throttled. Expected available in 42 seconds.',
            retryAfterSeconds: 42,
          })
        : scenario === 'offline'
          ? fail({
              kind: 'offline',
              message: { code: 'offline' },
            })
          : never(),
    checkLink: () => never(),
    confirmReset: () =>
      fail({
        kind: 'timeout',
        message: { code: 'timeout.may-have-applied' },
        mayHaveApplied: true,
      }),
    // Main refuses the address before anything is sent to it: the check says so on the field.
    detectServer: () =>
      fail({
        kind: 'validation',
        message: { code: 'server.check-details' },
        fields: {},
        fieldCodes: { baseUrl: [{ code: 'policy.host-not-allowed', host: 'partner.example.org' }] },
      }),
    addServer: () =>
      fail({
        kind: 'validation',
        message: { code: 'server.check-details' },
        fields: {},
        fieldCodes: { baseUrl: [{ code: 'policy.host-not-allowed', host: 'partner.example.org' }] },
      }),
    discardLink: () => ok({}),
    onLink: (l: (p: unknown) => void) => (listeners['onLink']?.add(l), () => listeners['onLink']?.delete(l)),
    onDemoMail: (l: (p: unknown) => void) => (
      listeners['onDemoMail']?.add(l),
      () => listeners['onDemoMail']?.delete(l)
    ),
  }
  Object.defineProperty(window, 'accountDesk', { value: bridge })
  Object.defineProperty(window, '__emit', {
    value: (name: string, payload: unknown) => listeners[name]?.forEach((l) => l(payload)),
  })
}

const link = {
  handle: '0123456789abcdef0123456789abcdef',
  serverId: 'corp',
  serverName: 'Example Corp',
  issuedAt: new Date(Date.now() - 12 * 60_000).toISOString(),
  accountHint: 'alice',
}

describe.runIf(ready)('screens in states the servers cannot be asked for', () => {
  let server: http.Server
  let origin: string
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    const root = path.join(ROOT, 'out/renderer')
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x')
      const file = path.join(root, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname))
      if (!file.startsWith(root)) {
        res.writeHead(403).end()
        return
      }
      void readFile(file).then(
        (body) =>
          res
            .writeHead(200, {
              ...SECURITY_HEADERS,
              'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
            })
            .end(body),
        () => res.writeHead(404).end(),
      )
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await launchChromium()
  })
  afterEach(async () => {
    await page?.context().close()
  })
  afterAll(async () => {
    await browser?.close()
    await new Promise((r) => server?.close(r))
  })

  async function open(scenario: string) {
    page = await newPage(browser)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.addInitScript(installFakeBridge, scenario)
    await page.goto(origin)
    await page.getByRole('heading', { level: 1, name: /Welcome|Your accounts/ }).waitFor()
    return errors
  }

  const capture = (name: string) => captureAll(page, `state-${name}`)

  const emit = (name: string, payload: unknown) =>
    page.evaluate(
      ([n, p]) => (window as unknown as { __emit(n: string, p: unknown): void }).__emit(n as string, p),
      [name, payload],
    )

  it('the demo: credentials on the welcome screen, and its mailbox', async () => {
    const errors = await open('demo')
    await page
      .getByRole('complementary', { name: 'Demo mailbox' })
      .getByText('Password reset on Demo server')
      .waitFor()
    // A mail is shown whole, as a mail client shows it: its link with Open and Copy.
    await page.getByRole('button', { name: 'Copy the link in “Password reset on Demo server”' }).waitFor()
    await capture('demo-welcome-and-mailbox')
    expect(errors).toEqual([])
  })

  it('the demo: its sign-in', async () => {
    const errors = await open('demo')
    await page.getByRole('button', { name: 'Sign in to the demo' }).click()
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
    expect(await page.getByLabel('Username').inputValue()).toBe('demo')
    await capture('demo-sign-in')
    expect(errors).toEqual([])
  })

  it('a link arriving mid-typing asks first, in a modal dialog', async () => {
    await open('dialog')
    await accountAction(page, 'alice on Example Corp', 'Change password')
    const field = page.getByLabel('Current password', { exact: true })
    await field.fill('half typed')
    // Enter goes down in the form; the link arrives while it is held.
    await page.keyboard.down('Enter')
    await emit('onLink', { type: 'link', link })
    const dialog = page.getByRole('dialog', { name: 'A reset link arrived' })
    await dialog.waitFor()
    const focused = (name: string) =>
      dialog.getByRole('button', { name }).evaluate((el) => el === document.activeElement)
    expect(await focused('Keep typing')).toBe(true)
    // In real Chromium: the held key's repeats and its release act on neither button, even the other one.
    await dialog.getByRole('button', { name: 'Open the link' }).focus()
    await page.keyboard.down('Enter')
    await page.keyboard.down('Enter')
    await page.keyboard.up('Enter')
    expect(await dialog.isVisible()).toBe(true)
    await dialog.getByRole('button', { name: 'Keep typing' }).focus()
    expect(await focused('Keep typing')).toBe(true)
    await capture('link-arrived-dialog')
    await page.keyboard.press('Enter')
    await page.getByText('is waiting').waitFor()
    expect(await field.inputValue()).toBe('half typed')
  })

  it('a link kept for later waits in a notice; Escape in the dialog keeps typing too', async () => {
    await open('dialog')
    await accountAction(page, 'alice on Example Corp', 'Change password')
    const field = page.getByLabel('Current password', { exact: true })
    await field.fill('half typed')
    await emit('onLink', { type: 'link', link })
    await page.getByRole('dialog', { name: 'A reset link arrived' }).waitFor()
    await page.keyboard.press('Escape')
    await page.getByText('is waiting').waitFor()
    expect(await field.inputValue()).toBe('half typed')
    await capture('link-waiting')
  })

  it('a rate limit counts down on the button', async () => {
    await open('rate-limited')
    await page.getByRole('button', { name: 'Add an account' }).click()
    await page.getByLabel('Username').fill('alice')
    await page.getByLabel('Password', { exact: true }).fill('whatever')
    await page.keyboard.press('Enter')
    await page.getByText('Too many attempts', { exact: true }).waitFor()
    const button = page.getByRole('button', { name: /Sign in \(in \d+ s\)/ })
    const seconds = async () => Number(/\((?:in )?(\d+) s\)/.exec((await button.textContent()) ?? '')?.[1])
    const first = await seconds()
    expect(first).toBeGreaterThan(1)
    // Waits for the next tick of the countdown (a condition, not a fixed sleep), however slow the machine.
    await expect.poll(seconds, { timeout: 15_000 }).toBeLessThan(first)
    await capture('rate-limited')
  })

  it('offline: the message and "try again"', async () => {
    await open('offline')
    await page.getByRole('button', { name: 'Add an account' }).click()
    await page.getByLabel('Username').fill('alice')
    await page.getByLabel('Password', { exact: true }).fill('whatever')
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: 'Try again' }).waitFor()
    await capture('offline')
  })

  it('a link from outside arrives: one click opens the form', async () => {
    await open('checking')
    await emit('onLink', { type: 'link', link })
    await page.getByRole('heading', { level: 1, name: 'A reset link arrived' }).waitFor()
    await capture('link-arrived')
  })

  it('a link being checked', async () => {
    await open('checking')
    await emit('onLink', { type: 'link', link })
    await page.getByRole('button', { name: 'Open the reset form' }).click()
    await page.getByRole('heading', { level: 1, name: 'Checking your link…' }).waitFor()
    await capture('checking-link')
  })

  it('"it may have worked" after a timeout that may have applied', async () => {
    await open('timeout')
    await emit('onLink', { type: 'link', link })
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor()
    await page.getByLabel('New password', { exact: true }).fill('Velvet-Harbour-27')
    await page.getByLabel('New password again', { exact: true }).fill('Velvet-Harbour-27')
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: 'Try signing in with the new password' }).waitFor()
    await capture('may-have-applied')
  })

  it('a refused link says why', async () => {
    await open('refused')
    await emit('onLink', {
      type: 'refused',
      message: { code: 'link.refused.unknown-server' },
    })
    await page.getByRole('alert').filter({ hasText: 'not for any of the servers' }).waitFor()
    await capture('link-refused')
  })

  it('"add a server" with main’s message on its field', async () => {
    await open('refused')
    await page.getByRole('button', { name: 'Add a server' }).click()
    await page.getByLabel('Name', { exact: true }).fill('Partner')
    await page.getByLabel('Address', { exact: true }).fill('https://partner.example.org')
    await page.getByRole('button', { name: 'Add the server' }).click()
    await page.getByText('Your organisation does not allow the server partner.example.org.').waitFor()
    await capture('add-server-refused')
  })

  it('home: the accounts', async () => {
    const errors = await open('home')
    await capture('home-accounts')
    expect(errors).toEqual([])
  })

  it('home: an account’s menu opens over the page', async () => {
    const errors = await open('home')
    await page.getByRole('button', { name: 'Actions for alice on Example Corp' }).click()
    await page.getByRole('menu').getByRole('menuitem', { name: 'Change password' }).waitFor()
    // The open menu is drawn over the page, not clipped by its card.
    const menu = await page.getByRole('menu').boundingBox()
    const card = await page.getByRole('listitem').filter({ hasText: 'alice' }).first().boundingBox()
    expect(menu && card && menu.y + menu.height > card.y + card.height).toBe(true)
    expect(
      await page.evaluate(() => {
        const box = document.querySelector('[role="menu"]')?.getBoundingClientRect()
        if (!box) return false
        const hit = document.elementFromPoint(box.left + box.width / 2, box.bottom - 4)
        return Boolean(hit?.closest('[role="menu"]'))
      }),
    ).toBe(true)
    await capture('home-account-menu')
    expect(errors).toEqual([])
  })

  it('home: Remove in the menu asks in a dialog', async () => {
    await open('home')
    await page.getByRole('button', { name: 'Actions for alice on Example Corp' }).press('ArrowUp')
    await page.keyboard.press('Enter')
    await page.getByRole('dialog', { name: 'Remove alice on Example Corp?' }).waitFor()
    await capture('remove-account-dialog')
  })

  it('About and diagnostics', async () => {
    const errors = await open('home')
    await page.getByRole('button', { name: 'About' }).click()
    await page.getByRole('heading', { level: 1, name: 'About and diagnostics' }).waitFor()
    await page.getByRole('button', { name: 'Copy diagnostics' }).waitFor()
    await capture('about')
    expect(errors).toEqual([])
  })

  it('a notice stays in view when the account it is about is far down the list', async () => {
    await open('many')
    await page.setViewportSize({ width: 800, height: 600 })
    await accountAction(page, 'user8 on Example Corp', 'Sign out')
    const notice = page.getByText('Signed out of Example Corp as user8.')
    await notice.waitFor()
    const box = await notice.boundingBox()
    expect(box).not.toBeNull()
    expect(box && box.y >= 0 && box.y + box.height <= 600).toBe(true)
    // Focus stayed on that account's menu, which is in view too.
    expect(
      await page
        .getByRole('button', { name: 'Actions for user8 on Example Corp' })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true)
    // One picture of it (the full set of sizes and schemes for the home screen is taken above).
    await screenshot(page, 'state-notice-in-view-light-800x600')
  })

  it('password fields line up with the others: the show button is inside the input', async () => {
    await open('demo')
    await page.getByRole('button', { name: 'Sign in to the demo' }).click()
    const name = await page.getByLabel('Username').boundingBox()
    const password = await page.getByLabel('Password', { exact: true }).boundingBox()
    const toggle = await page.getByRole('button', { name: 'Show password' }).boundingBox()
    if (!name || !password || !toggle) throw new Error('a field is not on screen')
    expect(password.x).toBe(name.x)
    expect(password.width).toBe(name.width)
    expect(toggle.x).toBeGreaterThanOrEqual(password.x)
    expect(toggle.x + toggle.width).toBeLessThanOrEqual(password.x + password.width)
    expect(toggle.y).toBeGreaterThanOrEqual(password.y)
    expect(toggle.y + toggle.height).toBeLessThanOrEqual(password.y + password.height)
  })
})
