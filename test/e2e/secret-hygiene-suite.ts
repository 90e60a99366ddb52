import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { backendKind, type BackendKind } from '../../src/shared/backend-kinds'
import { PYTHON, type DjangoServer } from '../servers/django'
import { accountAction, launchChromium, newPage, startBrowserShell, type RunningShell } from './harness'

/**
 * Secret hygiene (security.md; issue 7): every flow, through the screens, in the browser shell against a real
 * Django server of one kind (secret-hygiene.test.ts: djoser and Django's pages; secret-hygiene-allauth.test.ts), with the shell logging at debug level. Afterwards no password (right, wrong,
 * old or new), no reset token and no session token (djoser's auth tokens and Django's session keys, read from
 * the server's database) may appear in anything the app wrote: its log output (the shell's stdout and stderr,
 * and the second launch that hands over the link), every file in its data folder, the page's storage, the
 * addresses the page visited, or the window title. Each secret is also looked for URL-encoded, base64-encoded
 * and as JSON text.
 */
/** What one hygiene run needs: the kind, and its server (with reset mails of whatever link it sends). */
export interface HygieneTarget {
  kind: BackendKind
  start: () => Promise<DjangoServer>
}

const OLD = 'Quartz-Lantern-58'
const WRONG = 'Marble-Orchid-13'
const MID = 'Copper-Meadow-44'
const NEW = 'Velvet-Harbour-27'

/** Every file under `dir`, as text (latin1 keeps every byte). */
function filesUnder(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = []
  if (!existsSync(dir)) return out
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) out.push(...filesUnder(full))
    else out.push({ file: full, text: readFileSync(full, 'latin1') })
  }
  return out
}

/** The ways a secret could be written down without being spelled as itself. */
function spellings(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(secret).toString('base64').replace(/=+$/, ''),
    Buffer.from(secret).toString('base64url'),
    Buffer.from(secret).toString('hex'),
  ]
}

/**
 * The server's own record of every session it handed out: djoser's auth tokens and Django's session keys,
 * read from the test server's database (the one that holds the user `email`).
 */
function serverSessionSecrets(email: string): { tokens: string[]; sessionKeys: string[] } {
  const dirs = readdirSync(os.tmpdir())
    .filter((n) => n.startsWith('accountdesk-django-'))
    .map((n) => path.join(os.tmpdir(), n))
    .filter((d) => {
      try {
        return readFileSync(path.join(d, 'db.sqlite3'), 'latin1').includes(email)
      } catch {
        return false
      }
    })
  if (dirs.length !== 1)
    throw new Error(`cannot find the Django test server's database (${dirs.length} candidates)`)
  const db = path.join(dirs[0]!, 'db.sqlite3')
  const script = `import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
def col(q):
    try:
        return [r[0] for r in c.execute(q)]
    except sqlite3.OperationalError:
        return []
print(json.dumps({"tokens": col("select key from authtoken_token"), "sessionKeys": col("select session_key from django_session")}))`
  const run = spawnSync(PYTHON, ['-c', script, db], { encoding: 'utf8', timeout: 20_000 })
  if (run.status !== 0) throw new Error(`reading the Django database failed: ${run.stderr}`)
  return JSON.parse(run.stdout)
}

/** The hygiene run on one server of one kind; call inside a describe. */
export function defineSecretHygiene(target: HygieneTarget): void {
  const { kind } = target
  let django: DjangoServer
  let shell: RunningShell
  let browser: Browser
  let page: Page
  /** The app's own link scheme, as it reports it (the browser shell uses the development scheme). */
  let appScheme: string
  const written: string[] = []
  const visited: string[] = []
  const titles: string[] = []
  const resetTokens: string[] = []
  const links: string[] = []
  const sessions = { tokens: new Set<string>(), sessionKeys: new Set<string>() }
  const username = `hygiene-${kind}`
  const email = `${username}@example.com`

  beforeAll(async () => {
    ;[django, browser] = await Promise.all([target.start(), launchChromium()])
    await django.createUser(username, email, OLD)
    shell = await startBrowserShell({
      args: ['--no-demo'],
      env: { ACCOUNT_DESK_LOG: 'debug' },
      servers: [{ id: 'corp', displayName: 'Example Corp', baseUrl: django.baseUrl, kind }],
    })
    page = await newPage(browser)
    page.on('console', (m) => written.push(`console.${m.type()}: ${m.text()}`))
    page.on('framenavigated', (f) => visited.push(f.url()))
    await page.goto(shell.url)
    const info = await page.evaluate(() =>
      (
        window as unknown as {
          accountDesk: { getAppInfo(r: object): Promise<{ value: { scheme: string } }> }
        }
      ).accountDesk.getAppInfo({}),
    )
    appScheme = info.value.scheme
  })
  afterAll(async () => {
    await browser?.close()
    await shell?.stop()
    await django?.stop()
  })

  const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name })
  const signedInText = () => page.getByText(`Signed in to Example Corp as ${username}.`)
  const noteTitle = async () => titles.push(await page.title())
  /** What the server holds for every session so far (a sign-out deletes djoser's token, so read it while live). */
  const noteSessions = () => {
    const now = serverSessionSecrets(email)
    now.tokens.forEach((t) => sessions.tokens.add(t))
    now.sessionKeys.forEach((k) => sessions.sessionKeys.add(k))
  }
  async function signIn(password: string) {
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Password', { exact: true }).fill(password)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  }
  /** The link from the mail, handed over as the OS would: a second launch with the app's own scheme. */
  async function handOver(link: string, { usedHere = false } = {}) {
    const url = link.replace(/^[a-z][a-z0-9+.-]*:/i, `${appScheme}:`)
    const handed = await shell.openLink(url)
    written.push(handed.output)
    expect(handed.code, handed.output).toBe(0)
    if (backendKind(kind).canCheckLink && !usedHere) {
      // A link never makes a request by itself: the check of a link waits for this click.
      await heading('A reset link arrived').waitFor()
      await page.getByRole('button', { name: 'Open the reset form' }).click()
    }
  }
  const newPasswordFields = async (password: string) => {
    await page.getByLabel('New password', { exact: true }).fill(password)
    await page.getByLabel('New password again', { exact: true }).fill(password)
  }

  it('runs every flow: wrong password, sign in, change password, sign out, forgot → link → reset, a used link', async () => {
    await heading(/Welcome|Your accounts/).waitFor()
    // A wrong password, then the right one.
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await heading('Sign in').waitFor()
    await signIn(WRONG)
    await page.getByRole('alert').filter({ hasText: 'Sign-in failed' }).waitFor()
    await signIn(OLD)
    await signedInText().waitFor()
    await noteTitle()
    noteSessions()

    // Change password, then sign out.
    await accountAction(page, `${username} on Example Corp`, 'Change password')
    await heading('Change password').waitFor()
    await page.getByLabel('Current password', { exact: true }).fill(OLD)
    await newPasswordFields(MID)
    await page.getByRole('button', { name: 'Change password', exact: true }).click()
    await heading('Your password has been changed').waitFor()
    await noteTitle()
    noteSessions()
    await page.getByRole('main').getByRole('button', { name: 'All accounts' }).click()
    await page.getByRole('button', { name: `Actions for ${username} on Example Corp` }).click()
    const signOut = page.getByRole('menu').getByRole('menuitem', { name: 'Sign out' })
    if (await signOut.count()) {
      await signOut.click()
      await page.getByText(`Signed out of Example Corp as ${username}.`).waitFor()
    } else await page.keyboard.press('Escape')

    // Forgot → mail → the link from the OS → a new password → sign in with it.
    await page
      .getByRole('button', { name: /^Forgot (a )?password$/ })
      .first()
      .click()
    await heading('Forgot password').waitFor()
    await page.getByLabel(/^E-mail address/).fill(email)
    await page.getByRole('button', { name: 'Send me a link' }).click()
    await heading('Check your mail').waitFor()
    const mailed = django.lastLinkFor(email)
    links.push(mailed.url)
    resetTokens.push(mailed.token)
    await handOver(mailed.url)
    await heading('Choose a new password').waitFor()
    await noteTitle()
    await newPasswordFields(NEW)
    await page.getByRole('button', { name: 'Set the new password' }).click()
    await heading('Your password has been reset').waitFor()
    await noteTitle()
    await page.getByRole('button', { name: 'Sign in with the new password' }).click()
    await heading('Sign in with your new password').waitFor()
    await signIn(NEW)
    await signedInText().waitFor()
    noteSessions()

    // The used link again gets its own screen, before anything is typed or sent whatever the kind: the app
    // knows it set a password here.
    await handOver(mailed.url, { usedHere: true })
    await heading('This link can’t be used').waitFor()
    await page.getByText('it set a new password in Account Desk').waitFor()
    await noteTitle()
    noteSessions()
  })

  it('finds no password, reset token or session token in the log, the data folder, the page or its addresses', async () => {
    // allauth's headless session token is its Django session key.
    if (kind === 'djoser') expect(sessions.tokens.size, 'djoser issued no auth token').toBeGreaterThan(0)
    else expect(sessions.sessionKeys.size, 'Django issued no session').toBeGreaterThan(0)
    expect(resetTokens).toHaveLength(1)

    const storage = await page.evaluate(() =>
      JSON.stringify({
        local: { ...window.localStorage },
        session: { ...window.sessionStorage },
        cookie: document.cookie,
        url: location.href,
      }),
    )
    const files = filesUnder(shell.dataDir)
    const places: { where: string; text: string }[] = [
      { where: 'the shell’s log output', text: shell.output() },
      { where: 'the second launches’ output and the page console', text: written.join('\n') },
      ...files.map((f) => ({ where: `the file ${path.relative(shell.dataDir, f.file)}`, text: f.text })),
      { where: 'the page’s storage', text: storage },
      { where: 'the addresses the page visited', text: visited.join('\n') },
      { where: 'the window title', text: titles.join('\n') },
    ]
    const secrets: { what: string; value: string }[] = [
      ...[OLD, WRONG, MID, NEW, `${NEW}x`].map((value) => ({ what: 'a password', value })),
      ...resetTokens.map((value) => ({ what: 'a reset token', value })),
      ...resetTokens.map((value) => ({
        what: 'the secret half of a reset token',
        value: value.split('-')[1]!,
      })),
      ...[...sessions.tokens].map((value) => ({ what: 'a djoser session token', value })),
      ...[...sessions.sessionKeys].map((value) => ({ what: 'a Django session key', value })),
    ]
    const leaks: string[] = []
    for (const secret of secrets)
      for (const spelling of spellings(secret.value))
        for (const place of places)
          if (spelling.length >= 8 && place.text.includes(spelling))
            leaks.push(`${secret.what} in ${place.where}`)
    expect(leaks).toEqual([])

    const logLines = shell.output().split('\n').filter(Boolean).length
    expect(logLines, 'the shell logged almost nothing: the test would prove nothing').toBeGreaterThan(10)
    console.log(
      `secret hygiene (${kind}): ${secrets.length} secrets x ${spellings('x').length} spellings; ` +
        `${logLines} log lines, ${files.length} files, ${visited.length} addresses, storage, titles: no leak`,
    )
  })

  /** Every spelling of every secret seen so far, found in any of `places`, as "what in where". */
  function leaksIn(places: { where: string; text: string }[]): string[] {
    const secrets = [
      ...[OLD, WRONG, MID, NEW, `${NEW}x`],
      ...resetTokens,
      ...resetTokens.map((t) => t.split('-')[1]!),
      ...sessions.tokens,
      ...sessions.sessionKeys,
    ]
    return secrets.flatMap((secret) =>
      spellings(secret).flatMap((spelling) =>
        places
          .filter((place) => spelling.length >= 8 && place.text.includes(spelling))
          .map((place) => `a secret in ${place.where}`),
      ),
    )
  }

  it('the log file (logs/main.log in the data folder) has the session’s lines and no password, token or link', async () => {
    const file = path.join(shell.dataDir, 'logs', 'main.log')
    expect(existsSync(file), 'no log file written').toBe(true)
    const text = readFileSync(file, 'utf8')
    expect(text.split('\n').filter(Boolean).length).toBeGreaterThan(10)
    expect(leaksIn([{ where: 'the log file', text }])).toEqual([])
    for (const link of links) expect(text).not.toContain(link)
    expect(text).not.toMatch(/\/reset\/[^\s"]*\/[0-9a-z]+-[0-9a-f]{20,}/)
    // allauth's key: `<uidb36>-<timestamp>-<hash>`.
    expect(text).not.toMatch(/[0-9a-z]+-[0-9a-z]{1,13}-[0-9a-f]{20,}/)
  })

  it('the copied diagnostics name versions, servers by origin and recent log lines, and no password, token, cookie or link', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { copied: string[] }
      w.copied = []
      Object.defineProperty(navigator, 'clipboard', {
        configurable: true,
        value: { writeText: async (text: string) => void w.copied.push(text) },
      })
    })
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'About' }).click()
    await heading('About and diagnostics').waitFor()
    await page.getByRole('button', { name: 'Copy diagnostics' }).click()
    await page.getByText('Copied.').waitFor()
    const copied = await page.evaluate(() => (window as unknown as { copied: string[] }).copied)
    expect(copied).toHaveLength(1)
    const text = copied[0]!
    expect(text).toContain(`Servers: ${new URL(django.baseUrl).origin}`)
    expect(text).toMatch(/Runtime: .*node \d+/)
    expect(text).toContain('Secret storage: memory-only')
    expect(text).toMatch(/Last \d+ log lines:/)
    expect(leaksIn([{ where: 'the copied diagnostics', text }])).toEqual([])
    for (const link of links) expect(text).not.toContain(link)
    expect(text).not.toMatch(/sessionid|csrftoken|\/reset\/|\/key\//i)
  })
}
