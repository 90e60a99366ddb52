/**
 * Starts the real Django test server (test/servers/django: Django 3.2 + DRF + djoser from Debian's packages)
 * on 127.0.0.1 on a port the OS picks, with its own temporary folder for the database and the mail, and stops
 * it. Used by the backend integration tests, the end-to-end tests and the benchmarks.
 *
 *   const django = await startDjango()
 *   await django.createUser('alice', 'alice@example.com', 'Sw0rdfish-42')
 *   ... request a reset through the app ...
 *   const { uid, token, url } = django.lastLinkFor('alice@example.com')
 *   await django.stop()
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { toolsRequired } from '../helpers/tools-required'
import { extractResetLink, parseMailFile, type Mail, type ResetLinkInMail } from './mail'

export type { Mail, ResetLinkInMail } from './mail'

export const PYTHON = process.env['ACCOUNTDESK_PYTHON'] ?? '/usr/bin/python3'
const PROJECT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'django')

export interface DjangoOptions {
  /** PASSWORD_RESET_TIMEOUT in seconds (Django's default: 259200, three days). */
  resetTimeoutSeconds?: number
  /** DRF anonymous throttling, e.g. '3/min' (docs/server-protocol.md, "Throttling"). Off by default, as in DRF. */
  anonThrottle?: string
  /** djoser's PASSWORD_RESET_CONFIRM_RETYPE and SET_PASSWORD_RETYPE. */
  retype?: boolean
  /** djoser's PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND (unknown addresses answered 400 with a bare list). */
  showEmailNotFound?: boolean
  /** djoser's LOGOUT_ON_PASSWORD_CHANGE. */
  logoutOnPasswordChange?: boolean
  /** Put this scheme in the e-mailed links instead of http (e.g. 'accountdesk'), for both djoser and Django. */
  linkScheme?: string
  /** Milliseconds to wait for the server to answer. Default 30000. */
  startTimeoutMs?: number
}

export interface DjangoServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  baseUrl: string
  port: number
  /** Milliseconds from spawn to the first answered request. */
  startMs: number
  options: DjangoOptions
  createUser(
    username: string,
    email: string,
    password: string,
    extra?: { active?: boolean },
  ): Promise<{ id: number; uid: string }>
  /** Every mail written so far, oldest first. */
  readMails(): Mail[]
  /** The mails to one address, oldest first. */
  mailsTo(email: string): Mail[]
  /** The link in the newest mail to that address; throws when there is none. */
  lastLinkFor(email: string): ResetLinkInMail
  /** Makes every reset token issued so far look older than PASSWORD_RESET_TIMEOUT. */
  expireTokens(): Promise<void>
  /** Moves the server's reset-token clock forward. */
  advanceTokenClock(seconds: number): Promise<void>
  stop(): Promise<void>
}

export type DjangoStatus = { ok: true } | { ok: false; reason: string }

let cachedStatus: DjangoStatus | undefined

/** Whether Debian's python3 with Django, DRF and djoser is here. */
export function djangoStatus(): DjangoStatus {
  if (cachedStatus) return cachedStatus
  const probe = spawnSync(
    PYTHON,
    ['-c', 'import django, rest_framework, djoser; print(django.get_version())'],
    {
      encoding: 'utf8',
      timeout: 20_000,
    },
  )
  if (probe.error) cachedStatus = { ok: false, reason: `${PYTHON} cannot be run (${probe.error.message})` }
  else if (probe.status !== 0)
    cachedStatus = {
      ok: false,
      reason: `${PYTHON} lacks Django, DRF or djoser (apt-get install python3-django python3-djangorestframework python3-djoser): ${probe.stderr.trim().split('\n').pop()}`,
    }
  else cachedStatus = { ok: true }
  return cachedStatus
}

/**
 * For test files: true when the Django server can run. When it cannot, throws when tools are required (any CI,
 * and `npm test`: a missing server must fail the build, not skip it) and otherwise prints why the tests are skipped.
 */
export function requireDjango(): boolean {
  const status = djangoStatus()
  if (status.ok) return true
  if (toolsRequired()) throw new Error(`The Django test server is required in CI: ${status.reason}`)
  console.warn(`Skipping the Django tests: ${status.reason}`)
  return false
}

const live = new Set<ChildProcess>()
let exitHookInstalled = false
function installExitHook() {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL')
  })
}

export async function startDjango(options: DjangoOptions = {}): Promise<DjangoServer> {
  const status = djangoStatus()
  if (!status.ok) throw new Error(`Cannot start the Django test server: ${status.reason}`)
  const dir = mkdtempSync(join(tmpdir(), 'accountdesk-django-'))
  const mailDir = join(dir, 'mail')
  mkdirSync(mailDir)
  const controlKey = randomBytes(24).toString('hex')
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    PYTHONUNBUFFERED: '1',
    ADT_DB_PATH: join(dir, 'db.sqlite3'),
    ADT_MAIL_DIR: mailDir,
    ADT_CONTROL_KEY: controlKey,
    ADT_SECRET_KEY: randomBytes(32).toString('hex'),
  }
  if (options.resetTimeoutSeconds !== undefined)
    env['ADT_RESET_TIMEOUT'] = String(options.resetTimeoutSeconds)
  if (options.anonThrottle) env['ADT_THROTTLE'] = options.anonThrottle
  if (options.retype) env['ADT_RETYPE'] = '1'
  if (options.showEmailNotFound) env['ADT_SHOW_EMAIL_NOT_FOUND'] = '1'
  if (options.logoutOnPasswordChange) env['ADT_LOGOUT_ON_PASSWORD_CHANGE'] = '1'
  if (options.linkScheme) {
    if (!/^[a-z][a-z0-9+.-]*$/.test(options.linkScheme))
      throw new Error(`Bad link scheme: ${options.linkScheme}`)
    env['ADT_LINK_SCHEME'] = options.linkScheme
  }

  const started = performance.now()
  const child = spawn(PYTHON, [join(PROJECT_DIR, 'serve.py')], {
    cwd: PROJECT_DIR,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  live.add(child)
  installExitHook()
  let stderr = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000)
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  exited.then(() => live.delete(child)).catch(() => {})

  const cleanup = async () => {
    child.stdin?.end()
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
    if (child.exitCode === null && child.signalCode === null) await exited
    clearTimeout(timer)
    rmSync(dir, { recursive: true, force: true })
  }

  let port: number
  try {
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('no READY line in time')),
        options.startTimeoutMs ?? 30_000,
      )
      let out = ''
      child.stdout?.setEncoding('utf8')
      child.stdout?.on('data', (chunk: string) => {
        out += chunk
        const match = /READY (\d+)/.exec(out)
        if (match) {
          clearTimeout(timer)
          resolve(Number(match[1]))
        }
      })
      child.once('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`exited with code ${code}`))
      })
    })
  } catch (error) {
    await cleanup()
    throw new Error(`The Django test server did not start: ${(error as Error).message}\n${stderr}`)
  }

  const baseUrl = `http://127.0.0.1:${port}`
  const control = async (path: string, body: unknown) => {
    const response = await fetch(`${baseUrl}/__control__/${path}/`, {
      method: 'POST',
      headers: { 'X-Control-Key': controlKey, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok)
      throw new Error(`Django control ${path} answered ${response.status}: ${text.slice(0, 500)}`)
    return JSON.parse(text) as Record<string, unknown>
  }

  // Ready means answering HTTP, not just listening.
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000)
  for (;;) {
    try {
      await control('ping', {})
      break
    } catch (error) {
      if (Date.now() > deadline) {
        await cleanup()
        throw new Error(`The Django test server does not answer: ${(error as Error).message}\n${stderr}`)
      }
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  const startMs = Math.round(performance.now() - started)
  const timeout = options.resetTimeoutSeconds ?? 259200

  const readMails = (): Mail[] => {
    const files = readdirSync(mailDir)
      .map((name) => ({ name, at: statSync(join(mailDir, name)).mtimeMs }))
      .sort((a, b) => a.at - b.at || a.name.localeCompare(b.name))
    const mails: Mail[] = []
    for (const file of files)
      mails.push(...parseMailFile(readFileSync(join(mailDir, file.name), 'utf8'), mails.length))
    return mails
  }
  const mailsTo = (email: string) =>
    readMails().filter((m) => m.to.some((to) => to.toLowerCase() === email.toLowerCase()))

  let stopped = false
  return {
    baseUrl,
    port,
    startMs,
    options,
    async createUser(username, email, password, extra) {
      const made = await control('users', { username, email, password, active: extra?.active ?? true })
      return { id: Number(made['id']), uid: String(made['uid']) }
    },
    readMails,
    mailsTo,
    lastLinkFor(email) {
      const mails = mailsTo(email)
      const last = mails[mails.length - 1]
      if (!last) throw new Error(`No mail to ${email}`)
      const link = extractResetLink(last.text)
      if (!link) throw new Error(`The last mail to ${email} has no reset link`)
      return link
    },
    async expireTokens() {
      await control('clock', { seconds: timeout + 1 })
    },
    async advanceTokenClock(seconds) {
      await control('clock', { seconds })
    },
    async stop() {
      if (stopped) return
      stopped = true
      await cleanup()
    },
  }
}
