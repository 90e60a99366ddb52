import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { devSchemeOf, runtimeBranding } from '../../src/main/config/runtime-branding'
import { schemeNameProblem } from '../../src/main/links'
import { createLogger } from '../../src/main/log'
import { createLogFile } from '../../src/main/log-file'
import { createServices, type Services } from '../../src/main/services'
import { openLinkBody, readLinkFrom } from './open-link'
import { startShellServer } from './server'

/**
 * `npm run start:browser [-- --port N] [--data-dir DIR] [--demo] [--no-demo] [--verbose]`: runs the main-process
 * services in Node and serves the renderer to a browser on 127.0.0.1. The terminal gets what a person needs (the
 * address, where the data lives, how to stop); the log lines go to the log file in the data folder, and to the
 * terminal too with --verbose.
 * `npm run start:browser -- --open-link -`: reads a link from standard input and hands it to the running shell,
 * as a second launch of the app hands one to the running app. (`--open-link <url>` works too, but npm echoes its
 * command line, token included, to the terminal.)
 */
interface Args {
  port?: number
  dataDir: string
  openLink?: string
  demo: 'auto' | 'on' | 'off'
  rendererDir: string
  /** The log lines on standard error as well as in the log file. */
  verbose: boolean
}

/**
 * The browser shell's system languages until the browser reports its own (navigator.languages, sent with the
 * renderer's getLanguage: there, the browser is the system): ACCOUNT_DESK_LANGUAGES (comma-separated tags, for
 * tests and developers), else Node's default locale (from LANG / LC_ALL).
 */
export function browserShellLanguages(env: Record<string, string | undefined>): readonly string[] {
  const named = env['ACCOUNT_DESK_LANGUAGES']
  if (named) return named.split(',').map((tag) => tag.trim())
  return [Intl.DateTimeFormat().resolvedOptions().locale]
}

export function parseArgs(argv: string[], env: Record<string, string | undefined>): Args {
  const args: Args = {
    dataDir: env['ACCOUNT_DESK_DATA_DIR'] ?? path.join(os.homedir(), '.account-desk-browser-shell'),
    demo: 'auto',
    rendererDir: path.resolve(__dirname, '..', 'renderer'),
    verbose: false,
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const next = () => {
      const value = argv[++i]
      if (value === undefined) throw new Error(`${arg} needs a value`)
      return value
    }
    if (arg === '--port') {
      const port = Number(next())
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error('--port takes a number from 0 to 65535')
      args.port = port
    } else if (arg === '--data-dir') args.dataDir = path.resolve(next())
    else if (arg === '--open-link') args.openLink = next()
    else if (arg === '--demo') args.demo = 'on'
    else if (arg === '--no-demo') args.demo = 'off'
    else if (arg === '--renderer-dir') args.rendererDir = path.resolve(next())
    else if (arg === '--verbose') args.verbose = true
    else throw new Error(`Unknown option ${arg}`)
  }
  return args
}

const stateFile = (dataDir: string) => path.join(dataDir, 'browser-shell.json')

async function openLink(args: Args): Promise<number> {
  let state: { port: number; secret: string }
  try {
    state = JSON.parse(await readFile(stateFile(args.dataDir), 'utf8'))
  } catch {
    console.error('No running browser shell found. Start one with `npm run start:browser` first.')
    return 1
  }
  if (args.openLink === '-' && process.stdin.isTTY) console.error('Paste the link, then press Enter.')
  const link = args.openLink === '-' ? await readLinkFrom(process.stdin) : (args.openLink ?? '')
  try {
    const response = await fetch(`http://127.0.0.1:${state.port}/__shell/open-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-account-desk-secret': state.secret },
      body: openLinkBody(link),
    })
    if (!response.ok) throw new Error(String(response.status))
    console.log('Link handed to the running Account Desk.')
    return 0
  } catch {
    console.error('The browser shell did not answer. Is it still running?')
    return 1
  }
}

async function main(): Promise<number> {
  let args: Args
  try {
    args = parseArgs(process.argv.slice(2), process.env)
  } catch (error) {
    console.error((error as Error).message)
    return 2
  }
  if (args.openLink !== undefined) return openLink(args)

  await mkdir(args.dataDir, { recursive: true, mode: 0o700 })
  // Like the app's log file in the OS log folder, under the data folder here.
  const logFile = createLogFile({
    dir: path.join(args.dataDir, 'logs'),
    onError: (error) => console.error('The log file cannot be written:', String(error)),
  })
  const logger = createLogger(
    (line) => {
      if (args.verbose) process.stderr.write(`${line}\n`)
      logFile.sink(line)
    },
    process.env['ACCOUNT_DESK_LOG'] === 'debug' ? 'debug' : 'info',
  )
  const branding = runtimeBranding()
  // Tests may take the installed app's scheme (ACCOUNT_DESK_SCHEME) to hand over links exactly as mailed.
  const scheme = process.env['ACCOUNT_DESK_SCHEME'] ?? devSchemeOf(branding.scheme)
  const schemeProblem = schemeNameProblem(scheme)
  if (schemeProblem) {
    console.error(`ACCOUNT_DESK_SCHEME: ${schemeProblem}`)
    return 2
  }
  let services: Services | null = null
  const server = await startShellServer({
    rendererDir: args.rendererDir,
    services: () => {
      // The URL with the secret is printed only once the services are started: no page can ask earlier.
      if (!services) throw new Error('services not ready')
      return services
    },
    logger,
    port: args.port,
  })
  services = await createServices({
    shell: 'browser-shell',
    appName: branding.productName,
    version: process.env['npm_package_version'] ?? '0.0.0',
    platform: process.platform,
    scheme,
    dataDir: args.dataDir,
    fetch: globalThis.fetch,
    logger,
    emit: (name, payload) => server.emit(name, payload),
    safeStorage: null,
    now: () => new Date(),
    languages: () => browserShellLanguages(process.env),
    demo: args.demo,
    // The browser shell is a development tool: only ACCOUNT_DESK_POLICY applies, never this machine's policy.
    policy: { sources: [], override: process.env['ACCOUNT_DESK_POLICY'] ?? null, overrideAllowed: true },
    brandingServers: branding.defaultServers,
    diagnostics: {
      runtime: { node: process.versions.node },
      os: `${os.type()} ${os.release()} (${os.arch()})`,
      logFile: logFile.path,
      recentLog: logFile.recent,
    },
  })
  await writeFile(
    stateFile(args.dataDir),
    JSON.stringify({ port: server.port, secret: server.secret, pid: process.pid }),
    {
      mode: 0o600,
    },
  )
  await chmod(stateFile(args.dataDir), 0o600)

  const stop = async () => {
    await rm(stateFile(args.dataDir), { force: true })
    await services?.stop()
    await server.close()
    console.log('Account Desk stopped.')
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())

  // What a person needs, first: the URL to open (with the per-run secret in its fragment; tests read this line
  // too), where the data lives, how to stop.
  console.log(
    [
      'Account Desk (browser shell) is running.',
      `Open: ${server.url}#secret=${server.secret}`,
      `Data: ${args.dataDir} (log: ${logFile.path}). To start fresh, stop and delete that folder.`,
      'Stop: press Ctrl+C.',
    ].join('\n'),
  )
  return -1
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (error: unknown) => {
    console.error('The browser shell could not start:', (error as Error).message)
    process.exit(1)
  },
)
