/**
 * The protocol-link part of the Electron shell, without Electron: src/main/index.ts passes `app` and `process`
 * in. Call it once, synchronously, at load (before `app.whenReady()`), so that a macOS `open-url` fired during
 * launch is not lost.
 *
 *  - single-instance lock: a second launch hands its argv to the first one and exits (`app.exit(0)`);
 *  - `open-url` (macOS, cold and warm): `preventDefault()`, then into the intake;
 *  - cold-start argv (Windows, Linux) and `second-instance` argv: scanned for the one link, never by position;
 *  - registration as the scheme's handler, with the `--` guard on Windows (CVE-2018-1000006), and under
 *    development (`process.defaultApp`) the dev scheme with the app path before the guard;
 *  - a scheme name that is not a safe RFC 3986 name is never registered.
 *
 * Every link goes through the intake into the one queue; nothing is delivered before the renderer is ready.
 */
import path from 'node:path'
import { DEV_SCHEME } from '../../shared/app'
import type { Logger } from '../log'
import type { LinkSource } from './intake'
import { schemeNameProblem } from './scheme-name'

/** The part of Electron's `app` this needs. Electron's `App` satisfies it. */
export interface ProtocolApp {
  requestSingleInstanceLock(): boolean
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown
  on(
    event: 'second-instance',
    listener: (event: unknown, argv: string[], workingDirectory: string, additionalData: unknown) => void,
  ): unknown
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean
  exit(exitCode?: number): void
}

/** What the wiring hands links to. `LinkIntake` has this shape; return values are ignored. */
export interface ProtocolLinkSink {
  readonly scheme: string
  fromUrl(url: string, source: LinkSource): unknown
  fromArgv(argv: readonly string[], source: LinkSource): unknown
}

/** The part of Node's/Electron's `process` this needs. */
export interface ProtocolProcess {
  argv: readonly string[]
  platform: string
  /** Electron sets it when the app runs from `electron .` (development) rather than as a packaged app. */
  defaultApp?: boolean
  execPath: string
}

export interface WireProtocolLinksOptions {
  app: ProtocolApp
  process: ProtocolProcess
  /** The organisation's scheme, e.g. `accountdesk`. */
  scheme: string
  /** The development scheme; defaults to `accountdesk-dev`. */
  devScheme?: string
  isDev: boolean
  /**
   * Where links go: a `LinkIntake`, or anything with its shape (e.g. `createDeferredIntake`, which holds links
   * until the services exist). Its scheme must be `effectiveScheme(...)` of the same options.
   */
  intake: ProtocolLinkSink
  /** Restore, show and focus the main window; a no-op when there is none yet. */
  focusWindow: () => void
  logger?: Logger
}

export type ProtocolWiring =
  | { primary: false }
  | {
      primary: true
      /** The scheme links are accepted and registered for. */
      scheme: string
      registered: boolean
      /** Why it was not registered, in words for people (logs, notices). */
      registrationProblem?: string
    }

/** The scheme the app uses: the development one under development, the organisation's otherwise. */
export const effectiveScheme = (o: { scheme: string; devScheme?: string; isDev: boolean }): string =>
  o.isDev ? (o.devScheme ?? DEV_SCHEME) : o.scheme

/** The arguments for `setAsDefaultProtocolClient`, or why nothing should be registered. */
export function registrationArgs(
  scheme: string,
  proc: ProtocolProcess,
): { ok: true; scheme: string; path?: string; args?: string[] } | { ok: false; problem: string } {
  const problem = schemeNameProblem(scheme)
  if (problem) return { ok: false, problem }
  if (proc.defaultApp) {
    const appPath = proc.argv[1]
    if (typeof appPath !== 'string' || appPath === '' || appPath.startsWith('-'))
      return { ok: false, problem: 'Started without an app path: the development scheme is not registered.' }
    return { ok: true, scheme, path: proc.execPath, args: [path.resolve(appPath), '--'] }
  }
  if (proc.platform === 'win32') return { ok: true, scheme, path: proc.execPath, args: ['--'] }
  return { ok: true, scheme }
}

export function wireProtocolLinks(options: WireProtocolLinksOptions): ProtocolWiring {
  const { app, process: proc, intake, focusWindow, logger } = options
  const scheme = effectiveScheme(options)
  if (intake.scheme !== scheme)
    throw new Error(`The link intake takes "${intake.scheme}" links but the app uses the scheme "${scheme}".`)

  if (!app.requestSingleInstanceLock()) {
    // The running instance gets this launch's argv through `second-instance`.
    logger?.info('another instance is running; handing over and exiting')
    app.exit(0)
    return { primary: false }
  }

  const focus = () => {
    try {
      focusWindow()
    } catch {
      logger?.warn('could not focus the window')
    }
  }

  app.on('open-url', (event, url) => {
    try {
      event?.preventDefault?.()
    } catch {
      // nothing to prevent
    }
    intake.fromUrl(typeof url === 'string' ? url : '', 'open-url')
    focus()
  })

  app.on('second-instance', (_event, argv) => {
    intake.fromArgv(Array.isArray(argv) ? argv : [], 'second-instance')
    focus()
  })

  if (proc.platform !== 'darwin') intake.fromArgv(proc.argv, 'argv')

  const plan = registrationArgs(scheme, proc)
  if (!plan.ok) {
    logger?.error('protocol handler not registered', { problem: plan.problem })
    return { primary: true, scheme, registered: false, registrationProblem: plan.problem }
  }
  let registered = false
  try {
    registered =
      (plan.path === undefined
        ? app.setAsDefaultProtocolClient(plan.scheme) // eng-disable PROTOCOL_HANDLER_JS_CHECK -- the app's own RFC 3986-checked scheme, with the -- argv guard
        : app.setAsDefaultProtocolClient(plan.scheme, plan.path, plan.args)) === true // eng-disable PROTOCOL_HANDLER_JS_CHECK -- the app's own RFC 3986-checked scheme, with the -- argv guard
  } catch {
    registered = false
  }
  if (!registered) logger?.warn('the system did not accept the protocol handler registration')
  return registered
    ? { primary: true, scheme, registered }
    : {
        primary: true,
        scheme,
        registered,
        registrationProblem: 'The system did not register Account Desk as the handler of its links.',
      }
}
