import type { AppInfo, Handlers, LinkEvent } from '../../shared/contract'
import { fail, ok } from '../../shared/errors'
import { serverProfileSchema, type ServerProfile } from '../../shared/profile'
import { readFile } from 'node:fs/promises'
import { createBackend, type Backend } from '../backends'
import { loadPolicy, NO_POLICY } from '../config/policy'
import {
  createLinkHandles,
  createLinkIntake,
  createLinkQueue,
  type LinkIntake,
  type LinkSource,
} from '../links'
import { createAppFiles, type Notice } from '../storage/app-files'
import { createSecretStore } from '../storage/secret-store'
import { createAccountsService, type AccountsService } from './accounts'
import type { ServiceDeps } from './deps'
import { createResetService, type ResetService } from './reset'
import { createServerRegistry, summarize, type ServerRegistry } from './server-registry'
import { createSingleFlight } from './single-flight'
import { DEMO_SERVER_ID, startDemo, type DemoController } from './demo'

export type { ServiceDeps } from './deps'

export interface Services {
  handlers: Handlers
  /** A link from the OS (open-url), the browser shell's --open-link, or the demo mailbox. */
  intakeUrl(url: string, source: LinkSource): void
  /** A command line (cold start, second instance): the one argument with the scheme is the link. */
  intakeArgv(argv: readonly string[], source: LinkSource): void
  /** The scheme this app's links use. */
  readonly scheme: string
  /** The renderer is reloading or crashed: hold links until it says it is ready again. */
  rendererGone(): void
  /** Loads files and policy, starts the demo server when needed. Links wait until it is done. */
  start(): Promise<void>
  stop(): Promise<void>
}

/**
 * Everything main does, as bridge handlers, built from what the shell gives (fetch, data folder, secret store,
 * clock, logger, event sink). The Electron shell and the browser shell both call this; nothing here imports
 * Electron.
 */
export function createServices(deps: ServiceDeps): Services {
  const { logger } = deps
  const notices: Notice[] = []
  const secrets = createSecretStore(deps.safeStorage)
  if (secrets.notice && deps.shell === 'electron') notices.push({ level: 'warning', message: secrets.notice })
  const files = createAppFiles(deps.dataDir, deps.now)
  const singleFlight = createSingleFlight()
  const backends = new Map<string, Backend>()
  // Cancel abandons every call under way; the next calls get a fresh signal.
  let cancel = new AbortController()
  const call = () => ({ signal: cancel.signal })

  let registry: ServerRegistry | null = null
  let accounts: AccountsService | null = null
  let reset: ResetService | null = null
  let demo: DemoController | null = null
  let started = false
  const early: (() => void)[] = []

  const backendFor = (serverId: string): Backend | undefined => {
    const entry = registry?.get(serverId)
    if (!entry) return undefined
    const cached = backends.get(serverId)
    if (cached && cached.profile === entry.profile) return cached
    const backend = createBackend(entry.profile, {
      fetch: deps.fetch,
      logger,
      now: () => deps.now().getTime(),
    })
    backends.set(serverId, backend)
    return backend
  }

  /** The e-mail this app last asked a reset for, per server: names the account a link is for. */
  const lastResetEmail = new Map<string, string>()
  const handles = createLinkHandles({ now: () => deps.now().getTime() })
  const queue = createLinkQueue({
    deliver: (event: LinkEvent) => deps.emit('onLink', event),
    onDrop: (event) => {
      if (event.type === 'link') handles.discard(event.link.handle)
    },
  })
  const intake: LinkIntake = createLinkIntake({
    scheme: deps.scheme,
    servers: () => registry?.profiles() ?? [],
    handles,
    queue,
    logger,
    accountHintFor: (serverId, uid) => accounts?.accountHint(serverId, uid, lastResetEmail.get(serverId)),
  })
  const whenStarted = (run: () => void) => (started ? run() : early.push(run))

  const notReady = () =>
    fail({ kind: 'internal' as const, message: 'Account Desk is still starting. Try again in a moment.' })

  const handlers: Handlers = {
    getAppInfo: async () => {
      const info: AppInfo = {
        name: deps.appName,
        version: deps.version,
        scheme: deps.scheme,
        platform: deps.platform,
        shell: deps.shell,
        demo: demo?.running()
          ? demo.info()
          : { enabled: (registry?.effective().demo ?? deps.demo) !== 'off', running: false },
        secretStorage: secrets.mode,
        notices: [...notices],
        serversLocked: registry ? !registry.effective().canAddServers : false,
      }
      return ok(info)
    },
    rendererReady: async () => {
      queue.markReady()
      return ok({})
    },
    cancelPending: async () => {
      cancel.abort()
      cancel = new AbortController()
      return ok({})
    },

    listServers: async () => ok(registry?.summaries() ?? []),
    addServer: async (req) => {
      if (!registry) return notReady()
      const added = registry.add(req)
      return added.ok ? ok(summarize(added.value)) : added
    },
    removeServer: async ({ serverId }) => {
      if (!registry || !accounts) return notReady()
      const removed = registry.remove(serverId)
      if (!removed.ok) return removed
      handles.discardServer(serverId)
      backends.delete(serverId)
      await accounts.forgetServer(serverId)
      return ok({})
    },

    listAccounts: async () => ok(accounts?.list() ?? []),
    signIn: async ({ serverId, username, password }) =>
      accounts
        ? singleFlight(`sign-in:${serverId}:${username.toLowerCase()}`, () =>
            accounts!.signIn(serverId, username, password),
          )
        : notReady(),
    whoAmI: async ({ accountId }) => (accounts ? accounts.whoAmI(accountId) : notReady()),
    signOut: async ({ accountId }) => (accounts ? accounts.signOut(accountId) : notReady()),
    removeAccount: async ({ accountId }) => (accounts ? accounts.remove(accountId) : notReady()),
    changePassword: async ({ accountId, currentPassword, newPassword, retypePassword }) =>
      accounts
        ? singleFlight(`change:${accountId}`, () =>
            accounts!.changePassword(accountId, {
              current: currentPassword,
              new: newPassword,
              retype: retypePassword,
            }),
          )
        : notReady(),

    requestReset: async ({ serverId, email }) => {
      if (!reset) return notReady()
      lastResetEmail.set(serverId, email.trim())
      return reset.requestReset(serverId, email)
    },
    openPastedLink: async ({ url }) => (reset ? reset.openPastedLink(url) : notReady()),
    checkLink: async ({ handle }) => (reset ? reset.checkLink(handle) : notReady()),
    confirmReset: async ({ handle, newPassword, retypePassword }) =>
      reset ? reset.confirmReset(handle, newPassword, retypePassword) : notReady(),
    discardLink: async ({ handle }) => (reset ? reset.discardLink(handle) : notReady()),

    listDemoMail: async () => ok(demo?.running() ? demo.mails() : []),
    openDemoMailLink: async ({ mailId }) => {
      const link = demo?.running() ? demo.linkOf(mailId) : null
      if (!link) return fail({ kind: 'not-found', message: 'That mail is no longer in the demo mailbox.' })
      // The same path as a link from the OS: parsed, kept behind a handle, delivered through the queue.
      intake.fromUrl(link, 'demo-mail')
      return ok({})
    },
    resetDemo: async () => {
      if (!demo?.running() || !accounts)
        return fail({ kind: 'not-found', message: 'The demo server is not running.' })
      await demo.reset()
      handles.discardServer(DEMO_SERVER_ID)
      await accounts.forgetServer(DEMO_SERVER_ID)
      return ok({})
    },
  }

  return {
    handlers,
    scheme: deps.scheme,
    rendererGone: () => queue.markNotReady(),
    intakeUrl: (url, source) => whenStarted(() => void intake.fromUrl(url, source)),
    intakeArgv: (argv, source) => whenStarted(() => void intake.fromArgv(argv, source)),
    async start() {
      const settings = await files.loadSettings()
      if (settings.notice) notices.push(settings.notice)
      const userServers: ServerProfile[] = []
      let skipped = 0
      for (const raw of settings.value.servers) {
        const parsed = serverProfileSchema.safeParse(raw)
        if (parsed.success) userServers.push(parsed.data)
        else skipped++
      }
      if (skipped > 0) {
        notices.push({
          level: 'warning',
          message: `${skipped === 1 ? 'One saved server was' : `${skipped} saved servers were`} not valid and ${skipped === 1 ? 'was' : 'were'} left out.`,
        })
      }
      const policy = deps.policy
        ? await loadPolicy({
            path: deps.policy.machine,
            overridePath: deps.policy.override,
            readFile: (file) => readFile(file, 'utf8'),
            logger,
            appName: deps.appName,
          })
        : { policy: NO_POLICY, notices: [] }
      notices.push(...policy.notices)
      registry = createServerRegistry({
        policy: policy.policy,
        brandingServers: deps.brandingServers ?? [],
        userServers,
        demo: deps.demo,
        onChange: (servers) =>
          void files
            .saveSettings({ version: 1, servers })
            .catch((error: unknown) => logger.error('settings.save-failed', { error })),
      })
      const demoChoice = registry.effective().demo
      if (demoChoice === 'on' || (demoChoice === 'auto' && registry.list().length === 0)) {
        try {
          const started = await startDemo({
            dataDir: deps.dataDir,
            logger,
            now: deps.now,
            onMailCount: (count) => deps.emit('onDemoMail', { count }),
          })
          demo = started.controller
          if (started.notice) notices.push({ level: 'warning', message: started.notice })
          registry.setDemo(demo.profile())
        } catch (error) {
          logger.error('demo.start-failed', { error })
          notices.push({
            level: 'warning',
            message: 'The demo server could not start. Add your organisation’s server to begin.',
          })
        }
      }
      for (const left of registry.effective().leftOut) {
        if (left.source !== 'policy')
          notices.push({ level: 'info', message: `${left.displayName} is not shown: ${left.reason}` })
      }
      accounts = await createAccountsService({
        load: files.loadAccounts,
        save: files.saveAccounts,
        backendFor,
        secrets,
        logger,
        now: deps.now,
        notices,
        call,
      })
      reset = createResetService({
        backendFor,
        handles,
        intake: () => intake,
        accounts,
        singleFlight,
        logger,
        now: deps.now,
        call,
      })
      started = true
      for (const run of early.splice(0)) run()
    },
    async stop() {
      handles.clear()
      await demo?.stop()
    },
  }
}
