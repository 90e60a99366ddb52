import type { Handlers, LinkEvent } from '../../shared/contract'
import { serverProfileSchema, type ServerProfile } from '../../shared/profile'
import { createBackend, type Backend } from '../backends'
import { detectKind } from '../backends/detect-kind'
import { loadPolicyAt, NO_POLICY } from '../config/policy'
import {
  createLinkHandles,
  createLinkIntake,
  createLinkQueue,
  createUsedLinks,
  type LinkIntake,
} from '../links'
import { createAppFiles, type AppFiles, type Notice, type SettingsFile } from '../storage/app-files'
import { openSecretStore } from '../storage/secret-store'
import { createAccountsService } from './accounts'
import type { ServiceDeps } from './deps'
import { createHandlers } from './handlers'
import { createResetService } from './reset'
import { createServerRegistry, type ServerRegistry } from './server-registry'
import { createSingleFlight } from './single-flight'
import { createOpenSignInPage } from './website-sign-in'
import { startDemo, type DemoController } from './demo'
import { createLanguageSettings, type LanguageSettings } from './language-settings'

export type { ServiceDeps } from './deps'

/** The main-process services, started: settings, policy and accounts loaded, the demo server running if wanted. */
export interface Services {
  handlers: Handlers
  /**
   * Where every link from outside goes (the OS's `open-url`, a command line, the browser shell's
   * `--open-link`): parsed, its secret kept behind a handle, and queued for the renderer. A shell that takes links
   * before the services exist keeps them in its deferred intake and attaches it here.
   */
  links: LinkIntake
  /** The renderer is reloading or crashed: hold links until it says it is ready again. */
  rendererGone(): void
  stop(): Promise<void>
}

/**
 * The composition root of main: builds every service from what the shell gives (fetch, data folder, secret
 * store, clock, logger, event sink) and resolves once they are all started. The Electron shell and the browser
 * shell both call this; nothing here imports Electron.
 */
export async function createServices(deps: ServiceDeps): Promise<Services> {
  const { logger } = deps
  const notices: Notice[] = [...(deps.shellNotices ?? [])]
  const secrets = await openSecretStore(deps.safeStorage, deps.platform)
  if (secrets.notice && deps.shell === 'electron') notices.push({ level: 'warning', message: secrets.notice })
  const files = createAppFiles(deps.dataDir, deps.now)
  const { registry, policyInForce, language } = await loadSettings(deps, files, notices)
  const languages = () => language.serverLanguages()
  const demo = await startWantedDemo(deps, registry, notices)
  for (const left of registry.effective().leftOut) {
    if (left.source !== 'policy')
      notices.push({ level: 'info', message: `${left.displayName} is not shown: ${left.reason}` })
  }

  const backends = new Map<string, Backend>()
  const backendFor = (serverId: string): Backend | undefined => {
    const entry = registry.get(serverId)
    if (!entry) return undefined
    const cached = backends.get(serverId)
    if (cached && cached.profile === entry.profile) return cached
    const backend = createBackend(entry.profile, {
      fetch: deps.fetch,
      logger,
      now: () => deps.now().getTime(),
      languages,
    })
    backends.set(serverId, backend)
    return backend
  }
  // Cancel abandons every call under way; the next calls get a fresh signal.
  let cancel = new AbortController()
  const call = () => ({ signal: cancel.signal })
  const singleFlight = createSingleFlight()

  const accounts = await createAccountsService({
    load: files.loadAccounts,
    save: files.saveAccounts,
    backendFor,
    secrets,
    logger,
    now: deps.now,
    notices,
    call,
  })

  /** The e-mail this app last asked a reset for, per server: names the account a link is for. */
  const lastResetEmail = new Map<string, string>()
  /** Which known account a reset link is for: the links' intake names it, the reset drops its session. */
  const accountHintFor = (serverId: string, uid: string) =>
    accounts.accountHint(serverId, uid, lastResetEmail.get(serverId))
  const handles = createLinkHandles({ now: () => deps.now().getTime() })
  const usedLinks = createUsedLinks({ now: deps.now })
  const queue = createLinkQueue({
    deliver: (event: LinkEvent) => deps.emit('onLink', event),
    onDrop: (event) => {
      if (event.type === 'link') handles.discard(event.link.handle)
    },
  })
  const intake = createLinkIntake({
    scheme: deps.scheme,
    servers: () => registry.profiles(),
    handles,
    queue,
    logger,
    accountHintFor,
    usedLinks,
  })
  const reset = createResetService({
    backendFor,
    handles,
    usedLinks,
    intake: () => intake,
    accounts,
    singleFlight,
    logger,
    now: deps.now,
    call,
    accountHint: accountHintFor,
  })

  const handlers = createHandlers({
    deps,
    notices,
    policyInForce,
    secrets,
    registry,
    language,
    accounts,
    reset,
    demo,
    handles,
    intake,
    queue,
    backends,
    singleFlight,
    cancel: () => {
      cancel.abort()
      cancel = new AbortController()
    },
    signal: () => cancel.signal,
    backendFor,
    openSignInPage: createOpenSignInPage({
      profileOf: (serverId) => registry.get(serverId)?.profile,
      hosts: () => registry.profiles().map((p) => new URL(p.baseUrl).hostname),
      open: deps.openExternal,
    }),
    detectKind: (baseUrl, signal) => detectKind(baseUrl, { fetch: deps.fetch, logger, languages, signal }),
    rememberResetEmail: (serverId, email) => lastResetEmail.set(serverId, email),
  })

  return {
    handlers,
    links: intake,
    rendererGone: () => queue.markNotReady(),
    async stop() {
      handles.clear()
      await demo?.stop()
    },
  }
}

/**
 * settings.json and the policy: the servers the user added (those still valid), the policy's and the branded
 * build's, in one registry; the app's language. Both are saved back to settings.json together.
 */
async function loadSettings(
  deps: ServiceDeps,
  files: AppFiles,
  notices: Notice[],
): Promise<{ registry: ServerRegistry; policyInForce: string | null; language: LanguageSettings }> {
  const { logger } = deps
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
    ? await loadPolicyAt(deps.policy, { io: deps.policyIo, logger, appName: deps.appName })
    : { policy: NO_POLICY, notices: [] }
  notices.push(...policy.notices)
  const policyInForce = policy.policy !== NO_POLICY ? policy.policy.file : null
  // What settings.json holds now: each part saved with the other part as it is.
  let saved = settings.value
  const save = (change: Partial<SettingsFile>) => {
    saved = { ...saved, ...change }
    void files.saveSettings(saved).catch((error: unknown) => logger.error('settings.save-failed', { error }))
  }
  const registry = createServerRegistry({
    policy: policy.policy,
    brandingServers: deps.brandingServers ?? [],
    userServers,
    demo: deps.demo,
    onChange: (servers) => save({ servers }),
  })
  const language = createLanguageSettings({
    pinned: policy.policy.language,
    choice: settings.value.language ?? 'system',
    system: () => deps.languages?.() ?? [],
    browserIsSystem: deps.shell === 'browser-shell',
    save: (choice) => save({ language: choice }),
  })
  return { registry, policyInForce, language }
}

/** The demo server when it is on, or `auto` and no server is configured; null otherwise or when it cannot start. */
async function startWantedDemo(
  deps: ServiceDeps,
  registry: ServerRegistry,
  notices: Notice[],
): Promise<DemoController | null> {
  const choice = registry.effective().demo
  if (choice !== 'on' && !(choice === 'auto' && registry.list().length === 0)) return null
  try {
    const started = await startDemo({
      dataDir: deps.dataDir,
      logger: deps.logger,
      now: deps.now,
      onMailCount: (count) => deps.emit('onDemoMail', { count }),
    })
    if (started.notice) notices.push({ level: 'warning', message: started.notice })
    registry.setDemo(started.controller.profile())
    return started.controller
  } catch (error) {
    deps.logger.error('demo.start-failed', { error })
    notices.push({
      level: 'warning',
      message: 'The demo server could not start. Add your organisation’s server to begin.',
    })
    return null
  }
}
