/**
 * Starts the real Django test server (test/servers/django: Django + DRF + djoser from Debian's packages, in one
 * of three generations, see DJANGO_GENERATIONS) on 127.0.0.1 on a port the OS picks, with its own temporary folder for the database and the mail, and stops
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
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { toolsRequired } from '../helpers/tools-required'
import { extractResetLink, parseMailFile, type Mail, type ResetLinkInMail } from './mail'

export type { Mail, ResetLinkInMail } from './mail'

export const PYTHON = process.env['ACCOUNTDESK_PYTHON'] ?? '/usr/bin/python3'
const PROJECT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'django')
const GENERATIONS_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '.cache',
  'django-generations',
)

/**
 * The Django generations the test server runs on, oldest first, each from one Debian release:
 *  - 3.2: Django 3.2 + DRF 3.14 + djoser 2.1 (bookworm; installed system-wide, `apt-get install`);
 *  - 4.2: Django 4.2 LTS + DRF 3.16 + djoser 2.3.1 (trixie);
 *  - 5.2: Django 5.2 LTS + DRF 3.18 + djoser 2.3.3 (sid).
 * 4.2 and 5.2 are unpacked under .cache/django-generations/ by scripts/fetch-django-generations.sh and put on
 * PYTHONPATH in front of the system's packages.
 */
export const DJANGO_GENERATIONS = ['3.2', '4.2', '5.2'] as const
export type DjangoGeneration = (typeof DJANGO_GENERATIONS)[number]
export const OLDEST_DJANGO: DjangoGeneration = '3.2'
export const NEWEST_DJANGO: DjangoGeneration = '5.2'

/** What each generation is made of, for test names. */
export const GENERATION_LABEL: Record<DjangoGeneration, string> = {
  '3.2': 'Django 3.2 + DRF 3.14 + djoser 2.1',
  '4.2': 'Django 4.2 + DRF 3.16 + djoser 2.3.1',
  '5.2': 'Django 5.2 + DRF 3.18 + djoser 2.3.3',
}

/**
 * The generation a test file runs on when it does not name one: ACCOUNTDESK_DJANGO_GENERATION, which each of
 * vitest's per-generation projects sets (vitest.config.mts), else the oldest.
 */
export function generationUnderTest(): DjangoGeneration {
  const named = process.env['ACCOUNTDESK_DJANGO_GENERATION']
  if (!named) return OLDEST_DJANGO
  const known = DJANGO_GENERATIONS.find((g) => g === named)
  if (!known)
    throw new Error(`ACCOUNTDESK_DJANGO_GENERATION=${named}: not one of ${DJANGO_GENERATIONS.join(', ')}`)
  return known
}

/**
 * How a test server runs django-allauth (DjangoOptions.allauth): its headless API with people signing in by
 * username or by e-mail, or its HTML views alone (headless off).
 */
export const ALLAUTH_SETTINGS = ['username', 'email', 'html'] as const
export type AllauthSetting = (typeof ALLAUTH_SETTINGS)[number]
/**
 * The django-allauth releases a test server runs (DjangoOptions.allauthRelease): sid's 65 (headless API and HTML
 * views) and bookworm's 0.51 (HTML views only), each on its Debian release's Django.
 */
export const ALLAUTH_RELEASES = ['65', '0.51'] as const
export type AllauthRelease = (typeof ALLAUTH_RELEASES)[number]
const ALLAUTH_RELEASE: Record<
  AllauthRelease,
  { django: DjangoGeneration; label: string; folder: string; fetch: string }
> = {
  '65': { django: '5.2', label: 'django-allauth 65.19 on Django 5.2', folder: 'allauth', fetch: 'allauth' },
  '0.51': {
    django: '3.2',
    label: 'django-allauth 0.51 on Django 3.2',
    folder: 'allauth-0.51',
    fetch: 'allauth-0.51',
  },
}
/** The generation allauth 65 runs on: sid's django-allauth 65 with sid's Django 5.2. */
export const ALLAUTH_DJANGO: DjangoGeneration = ALLAUTH_RELEASE['65'].django
export const ALLAUTH_LABEL = ALLAUTH_RELEASE['65'].label
/** What a release is made of, for test names. */
export const allauthLabel = (release: AllauthRelease): string => ALLAUTH_RELEASE[release].label
const allauthPython = (release: AllauthRelease) =>
  join(GENERATIONS_DIR, ALLAUTH_RELEASE[release].folder, 'python')

/** The PYTHONPATH that selects a generation ('' for the system's own, 3.2), with that allauth when asked. */
function pythonPathFor(generation: DjangoGeneration, allauth?: AllauthRelease): string {
  const django = generation === OLDEST_DJANGO ? '' : join(GENERATIONS_DIR, generation, 'python')
  return allauth ? [django, allauthPython(allauth)].filter(Boolean).join(':') : django
}

export interface DjangoOptions {
  /** Which Django + DRF + djoser to run (DJANGO_GENERATIONS). Default: generationUnderTest(). */
  generation?: DjangoGeneration
  /** PASSWORD_RESET_TIMEOUT in seconds (Django's default: 259200, three days). */
  resetTimeoutSeconds?: number
  /** DRF anonymous throttling, e.g. '3/min' (docs/server-protocol.md, "Throttling"). Off by default, as in DRF. */
  anonThrottle?: string
  /** DRF per-user throttling (UserRateThrottle), e.g. '2/min'. Off by default. */
  userThrottle?: string
  /** djoser's PASSWORD_CHANGED_EMAIL_CONFIRMATION: a mail after every change and reset. */
  passwordChangedEmail?: boolean
  /** LANGUAGE_CODE (default 'en-us'). */
  languageCode?: string
  /** Django's LocaleMiddleware: answers in the language the request's Accept-Language asks for. */
  localeMiddleware?: boolean
  /** djoser's PASSWORD_RESET_CONFIRM_RETYPE and SET_PASSWORD_RETYPE. */
  retype?: boolean
  /** djoser's PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND (unknown addresses answered 400 with a bare list). */
  showEmailNotFound?: boolean
  /** djoser's LOGOUT_ON_PASSWORD_CHANGE. */
  logoutOnPasswordChange?: boolean
  /** Put this scheme in the e-mailed links instead of http (e.g. 'accountdesk'), for both djoser and Django. */
  linkScheme?: string
  /**
   * How djoser is told the scheme, by docs/reset-links.md's recipes: 'email-class' (default), 'settings'
   * (EMAIL_FRONTEND_PROTOCOL: djoser >= 2.2.3 only) or 'template' (the doc's template; scheme 'accountdesk').
   */
  linkRecipe?: 'email-class' | 'settings' | 'template'
  /**
   * The auth pages' template set: Django's stock rendering (default), a Bootstrap 5 crispy-forms style set, or
   * an odd one (a search form before and a newsletter form after the real one, fields in reverse order, errors
   * after their inputs, `>` inside attribute values, posts accepted only at the form's `action`).
   */
  templates?: 'stock' | 'crispy' | 'odd'
  /** What people sign in with: `email` sets djoser's LOGIN_FIELD and gives Django an e-mail login form and backend. */
  loginField?: 'username' | 'email'
  /**
   * A login view that does more than Django's stock one (testproject/signin_steps.py): every sign-in redirected
   * to a lockout page (django-axes), a second step after the password (django-two-factor-auth, django-otp), or
   * wrong credentials redirected back to the login page.
   */
  signInStep?: 'lockout' | 'second-step' | 'failure-redirect'
  /**
   * Run django-allauth (on ALLAUTH_DJANGO, whatever `generation` says): its account app and headless API with
   * people signing in by `username` or by `email`, or only its HTML views (`html`). With `linkScheme`, the reset
   * mail links to the app through HEADLESS_FRONTEND_URLS (docs/reset-links.md); without, to allauth's own page.
   */
  allauth?: AllauthSetting
  /** Which django-allauth runs (ALLAUTH_RELEASES; default 65). 0.51 has only its HTML views: `allauth: 'html'`. */
  allauthRelease?: AllauthRelease
  /**
   * allauth's HEADLESS_FRONTEND_URLS["account_reset_password_from_key"], with `{port}` for the server's port and
   * allauth's `{key}` (docs/reset-links.md's recipe). Default with `linkScheme`: the app link to allauth's key page.
   */
  allauthResetUrl?: string
  /** Milliseconds to wait for the server to answer. Default 50000 (suites start many at once on busy machines). */
  startTimeoutMs?: number
}

export interface DjangoServer {
  generation: DjangoGeneration
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

const cachedStatus = new Map<DjangoGeneration, DjangoStatus>()

/** Whether Debian's python3 with Django, DRF and djoser of that generation is here. */
export function djangoStatus(generation: DjangoGeneration = generationUnderTest()): DjangoStatus {
  const cached = cachedStatus.get(generation)
  if (cached) return cached
  const probe = spawnSync(
    PYTHON,
    ['-c', 'import django, rest_framework, djoser; print(django.get_version())'],
    {
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, PYTHONPATH: pythonPathFor(generation) },
    },
  )
  const install =
    generation === OLDEST_DJANGO
      ? 'apt-get install python3-django python3-djangorestframework python3-djoser'
      : `scripts/fetch-django-generations.sh ${generation}`
  let status: DjangoStatus
  if (probe.error) status = { ok: false, reason: `${PYTHON} cannot be run (${probe.error.message})` }
  else if (probe.status !== 0)
    status = {
      ok: false,
      reason: `${PYTHON} lacks Django, DRF or djoser ${generation} (${install}): ${probe.stderr.trim().split('\n').pop()}`,
    }
  else if (!probe.stdout.trim().startsWith(`${generation}.`))
    status = {
      ok: false,
      reason: `${PYTHON} runs Django ${probe.stdout.trim()}, not ${generation} (${install})`,
    }
  else status = { ok: true }
  cachedStatus.set(generation, status)
  return status
}

/**
 * For test files: true when the Django server can run. When it cannot, throws when tools are required (any CI,
 * and `npm test`: a missing server must fail the build, not skip it) and otherwise prints why the tests are skipped.
 */
export function requireDjango(generation: DjangoGeneration = generationUnderTest()): boolean {
  const status = djangoStatus(generation)
  if (status.ok) return true
  if (toolsRequired()) throw new Error(`The Django test server is required in CI: ${status.reason}`)
  console.warn(`Skipping the Django tests: ${status.reason}`)
  return false
}

const cachedAllauthStatus = new Map<AllauthRelease, DjangoStatus>()

/** Whether that django-allauth and its Django are here (scripts/fetch-django-generations.sh). */
export function allauthStatus(release: AllauthRelease = '65'): DjangoStatus {
  const cached = cachedAllauthStatus.get(release)
  if (cached) return cached
  const { django: generation, folder, fetch } = ALLAUTH_RELEASE[release]
  const django = djangoStatus(generation)
  if (!django.ok) return django
  const probe = spawnSync(PYTHON, ['-c', 'import allauth; print(allauth.__version__)'], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, PYTHONPATH: pythonPathFor(generation, release) },
  })
  const status: DjangoStatus =
    probe.status === 0 && probe.stdout.trim().startsWith(`${release}.`)
      ? { ok: true }
      : {
          ok: false,
          reason: `django-allauth ${release} is not in .cache/django-generations/${folder} (scripts/fetch-django-generations.sh ${fetch}): ${(probe.stderr || probe.stdout).trim().split('\n').pop()}`,
        }
  cachedAllauthStatus.set(release, status)
  return status
}

/** requireDjango for the allauth servers. */
export function requireAllauth(release: AllauthRelease = '65'): boolean {
  const status = allauthStatus(release)
  if (status.ok) return true
  if (toolsRequired()) throw new Error(`The django-allauth test server is required in CI: ${status.reason}`)
  console.warn(`Skipping the django-allauth tests: ${status.reason}`)
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

const migrated = new Map<string, Promise<string>>()

/**
 * A freshly migrated database of this generation, made once per test process: every server then starts from a
 * copy instead of migrating its own (migrating is most of a server's start-up, and suites start many at once).
 */
function migratedDatabase(
  generation: DjangoGeneration,
  allauth: AllauthSetting | undefined,
  release: AllauthRelease | undefined,
): Promise<string> {
  // allauth's settings share their tables (the headless app has none): one database for the three.
  const key = allauth && release ? `${generation}-allauth-${release}` : generation
  let made = migrated.get(key)
  if (!made) {
    made = new Promise<string>((resolve, reject) => {
      const dir = mkdtempSync(join(tmpdir(), `accountdesk-django-${key}-template-`))
      const db = join(dir, 'db.sqlite3')
      const pythonPath = pythonPathFor(generation, allauth ? release : undefined)
      const child = spawn(PYTHON, [join(PROJECT_DIR, 'serve.py')], {
        cwd: PROJECT_DIR,
        env: {
          PATH: process.env['PATH'] ?? '/usr/bin:/bin',
          LANG: 'C.UTF-8',
          ADT_DB_PATH: db,
          ADT_MIGRATE_ONLY: '1',
          ...(allauth ? { ADT_ALLAUTH: allauth } : {}),
          ...(pythonPath ? { PYTHONPATH: pythonPath } : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)))
      child.once('error', reject)
      child.once('exit', (code) => {
        if (code === 0 && output.includes('MIGRATED')) {
          process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
          resolve(db)
        } else reject(new Error(`Migrating the Django ${key} database failed (${code}):\n${output}`))
      })
    })
    made.catch(() => migrated.delete(key))
    migrated.set(key, made)
  }
  return made
}

export async function startDjango(options: DjangoOptions = {}): Promise<DjangoServer> {
  const release = options.allauth ? (options.allauthRelease ?? '65') : undefined
  const generation = release ? ALLAUTH_RELEASE[release].django : (options.generation ?? generationUnderTest())
  const status = release ? allauthStatus(release) : djangoStatus(generation)
  if (!status.ok) throw new Error(`Cannot start the Django test server: ${status.reason}`)
  const template = await migratedDatabase(generation, options.allauth, release)
  const dir = mkdtempSync(join(tmpdir(), 'accountdesk-django-'))
  const mailDir = join(dir, 'mail')
  mkdirSync(mailDir)
  copyFileSync(template, join(dir, 'db.sqlite3'))
  const controlKey = randomBytes(24).toString('hex')
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    PYTHONUNBUFFERED: '1',
    ADT_DB_PATH: join(dir, 'db.sqlite3'),
    ADT_MAIL_DIR: mailDir,
    ADT_CONTROL_KEY: controlKey,
    ADT_SECRET_KEY: randomBytes(32).toString('hex'),
    ADT_SKIP_MIGRATE: '1',
  }
  const pythonPath = pythonPathFor(generation, release)
  if (pythonPath) env['PYTHONPATH'] = pythonPath
  if (options.allauth) env['ADT_ALLAUTH'] = options.allauth
  if (options.allauthResetUrl) env['ADT_ALLAUTH_RESET_URL'] = options.allauthResetUrl
  if (options.resetTimeoutSeconds !== undefined)
    env['ADT_RESET_TIMEOUT'] = String(options.resetTimeoutSeconds)
  if (options.anonThrottle) env['ADT_THROTTLE'] = options.anonThrottle
  if (options.userThrottle) env['ADT_USER_THROTTLE'] = options.userThrottle
  if (options.passwordChangedEmail) env['ADT_PASSWORD_CHANGED_EMAIL'] = '1'
  if (options.languageCode) env['ADT_LANGUAGE_CODE'] = options.languageCode
  if (options.localeMiddleware) env['ADT_LOCALE_MIDDLEWARE'] = '1'
  if (options.linkRecipe) env['ADT_LINK_RECIPE'] = options.linkRecipe
  if (options.retype) env['ADT_RETYPE'] = '1'
  if (options.showEmailNotFound) env['ADT_SHOW_EMAIL_NOT_FOUND'] = '1'
  if (options.logoutOnPasswordChange) env['ADT_LOGOUT_ON_PASSWORD_CHANGE'] = '1'
  if (options.templates) env['ADT_TEMPLATES'] = options.templates
  if (options.loginField) env['ADT_LOGIN_FIELD'] = options.loginField
  if (options.signInStep) env['ADT_SIGNIN_STEP'] = options.signInStep
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
        options.startTimeoutMs ?? 50_000,
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
  const deadline = Date.now() + (options.startTimeoutMs ?? 50_000)
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
    generation,
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
