import type { Handlers } from '../../shared/contract'
import { fail, ok } from '../../shared/errors'
import type { ServiceDeps } from './deps'

export interface Services {
  handlers: Handlers
  /** Hands a link from the OS (argv, open-url, second instance) or the browser shell to the one queue. */
  intakeUrl(url: string, source: string): void
  intakeArgv(argv: string[], source: string): void
  /** Start background parts (the demo server when needed). */
  start(): Promise<void>
  stop(): Promise<void>
}

const notYet = async () =>
  fail({ kind: 'internal', message: 'This part of Account Desk is not available yet.' })

export function createServices(deps: ServiceDeps): Services {
  const handlers: Handlers = {
    getAppInfo: async () =>
      ok({
        name: deps.appName,
        version: deps.version,
        scheme: deps.scheme,
        platform: deps.platform,
        shell: deps.shell,
        demo: { enabled: deps.demo !== 'off', running: false },
        secretStorage: deps.safeStorage?.isEncryptionAvailable() ? 'encrypted' : 'memory-only',
        notices: [],
        serversLocked: false,
      }),
    rendererReady: async () => ok({}),
    listServers: async () => ok([]),
    addServer: notYet,
    removeServer: notYet,
    listAccounts: async () => ok([]),
    signIn: notYet,
    whoAmI: notYet,
    signOut: notYet,
    removeAccount: notYet,
    changePassword: notYet,
    requestReset: notYet,
    openPastedLink: notYet,
    checkLink: notYet,
    confirmReset: notYet,
    discardLink: notYet,
    listDemoMail: async () => ok([]),
    openDemoMailLink: notYet,
    resetDemo: notYet,
  }
  return {
    handlers,
    intakeUrl: () => {},
    intakeArgv: () => {},
    start: async () => {},
    stop: async () => {},
  }
}
