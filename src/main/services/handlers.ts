import type { AppInfo, Handlers, ServerDetection } from '../../shared/contract'
import { fail, ok, type Result } from '../../shared/errors'
import type { Backend } from '../backends'
import type { LinkHandles, LinkIntake, LinkQueue } from '../links'
import type { Notice } from '../storage/app-files'
import type { SecretStore } from '../storage/secret-store'
import type { AccountsService } from './accounts'
import { DEMO_SERVER_ID, type DemoController } from './demo'
import type { ServiceDeps } from './deps'
import { buildDiagnostics } from './diagnostics'
import type { LanguageSettings } from './language-settings'
import type { ResetService } from './reset'
import { summarize, type ServerRegistry } from './server-registry'
import type { createSingleFlight } from './single-flight'
import type { createOpenSignInPage } from './website-sign-in'
import { sourceName } from '../config/policy-paths'

/** The started parts the bridge handlers answer from. Every one exists: the services are built before this. */
export interface HandlerParts {
  deps: Pick<ServiceDeps, 'appName' | 'version' | 'scheme' | 'platform' | 'shell' | 'policy' | 'diagnostics'>
  notices: readonly Notice[]
  /** The policy file in force, or null. */
  policyInForce: string | null
  secrets: Pick<SecretStore, 'mode'>
  registry: ServerRegistry
  /** The app's language: the policy's, the user's choice or the system's. */
  language: LanguageSettings
  accounts: AccountsService
  reset: ResetService
  /** The demo server, when it runs (`demo: on`, or `auto` with no server configured). */
  demo: DemoController | null
  handles: LinkHandles
  intake: LinkIntake
  queue: LinkQueue
  backends: Map<string, Backend>
  singleFlight: ReturnType<typeof createSingleFlight>
  /** Abandon every server call under way (the user's Cancel). */
  cancel(): void
  /** The signal the user's Cancel aborts, for the calls under way now. */
  signal(): AbortSignal
  /** The adapter for a server in the registry. */
  backendFor(serverId: string): Backend | undefined
  /** Opens a server's sign-in page in the system browser (website-sign-in.ts). */
  openSignInPage: ReturnType<typeof createOpenSignInPage>
  /** Which kind of server answers at an address (backends/detect-kind.ts), cancelled by `signal`. */
  detectKind(baseUrl: string, signal: AbortSignal): Promise<Result<ServerDetection>>
  /** Remember the e-mail a reset was asked for on a server: it names the account a link is for. */
  rememberResetEmail(serverId: string, email: string): void
}

/** How long adding a server waits for the server to say what people sign in with. */
const SIGN_IN_FIELD_WAIT_MS = 5000

/** The bridge's handler table: one line per contract channel, each a call into a started service. */
export function createHandlers(p: HandlerParts): Handlers {
  const { registry, accounts, reset, demo, handles, singleFlight } = p
  const demoRunning = (): DemoController | null => (demo?.running() ? demo : null)

  return {
    getAppInfo: async () => {
      const running = demoRunning()
      const info: AppInfo = {
        name: p.deps.appName,
        version: p.deps.version,
        scheme: p.deps.scheme,
        platform: p.deps.platform,
        shell: p.deps.shell,
        demo: running ? running.info() : { enabled: registry.effective().demo !== 'off', running: false },
        secretStorage: p.secrets.mode,
        notices: [...p.notices],
        serversLocked: !registry.effective().canAddServers,
      }
      return ok(info)
    },
    getDiagnostics: async () =>
      ok(
        buildDiagnostics({
          appName: p.deps.appName,
          version: p.deps.version,
          shell: p.deps.shell,
          runtime: p.deps.diagnostics?.runtime ?? { node: process.versions.node },
          os: p.deps.diagnostics?.os ?? p.deps.platform,
          policy: {
            inForce: p.policyInForce,
            lookedIn: p.deps.policy?.override ?? (p.deps.policy?.sources.map(sourceName).join(', ') || null),
          },
          serverUrls: registry.profiles().map((server) => server.baseUrl),
          secretStorage: p.secrets.mode,
          logFile: p.deps.diagnostics?.logFile ?? null,
          recentLog: p.deps.diagnostics?.recentLog().slice(-100) ?? [],
        }),
      ),
    getLanguage: async ({ browserLanguages }) => {
      p.language.reportBrowserLanguages(browserLanguages)
      return ok(p.language.state())
    },
    setLanguage: async ({ choice }) => p.language.choose(choice),
    rendererReady: async () => {
      p.queue.markReady()
      return ok({})
    },
    cancelPending: async () => {
      p.cancel()
      return ok({})
    },

    listServers: async () => ok(registry.summaries()),
    detectServer: async ({ baseUrl }) => {
      // Nothing is sent to an address the user may not add (policy, not https, already in the list).
      const address = registry.vetAddress(baseUrl)
      if (!address.ok) return address
      return p.detectKind(address.value, p.signal())
    },
    addServer: async (req) => {
      const added = registry.add(req)
      if (!added.ok) return added
      // Asked now, at the user's click: what the server itself says its people sign in with. A server that
      // cannot say (or does not answer soon) keeps the choice made in the form.
      const { id } = added.value.profile
      const told = await p.backendFor(id)?.signInField({
        signal: AbortSignal.any([p.signal(), AbortSignal.timeout(SIGN_IN_FIELD_WAIT_MS)]),
      })
      if (told?.ok) registry.learnSignInWith(id, told.value.signInWith)
      return ok(summarize(registry.get(id) ?? added.value))
    },
    removeServer: async ({ serverId }) => {
      const removed = registry.remove(serverId)
      if (!removed.ok) return removed
      handles.discardServer(serverId)
      p.backends.delete(serverId)
      await accounts.forgetServer(serverId)
      return ok({})
    },

    listAccounts: async () => ok(accounts.list()),
    signIn: ({ serverId, username, password }) =>
      singleFlight(`sign-in:${serverId}:${username.toLowerCase()}`, () =>
        accounts.signIn(serverId, username, password),
      ),
    openSignInPage: ({ serverId }) => p.openSignInPage(serverId),
    whoAmI: ({ accountId }) => accounts.whoAmI(accountId),
    signOut: ({ accountId }) => accounts.signOut(accountId),
    removeAccount: ({ accountId }) => accounts.remove(accountId),
    changePassword: ({ accountId, currentPassword, newPassword, retypePassword }) =>
      singleFlight(`change:${accountId}`, () =>
        accounts.changePassword(accountId, {
          current: currentPassword,
          new: newPassword,
          retype: retypePassword,
        }),
      ),

    requestReset: ({ serverId, email }) => {
      p.rememberResetEmail(serverId, email.trim())
      return reset.requestReset(serverId, email)
    },
    openPastedLink: async ({ url }) => reset.openPastedLink(url),
    checkLink: ({ handle }) => reset.checkLink(handle),
    confirmReset: ({ handle, newPassword, retypePassword }) =>
      reset.confirmReset(handle, newPassword, retypePassword),
    discardLink: async ({ handle }) => reset.discardLink(handle),

    listDemoMail: async () => ok(demoRunning()?.mails() ?? []),
    openDemoMailLink: async ({ mailId }) => {
      const link = demoRunning()?.linkOf(mailId) ?? null
      if (!link) return fail({ kind: 'not-found', message: 'That mail is no longer in the demo mailbox.' })
      // The same path as a link from the OS: parsed, kept behind a handle, delivered through the queue.
      p.intake.fromUrl(link, 'demo-mail')
      return ok({})
    },
    resetDemo: async () => {
      const running = demoRunning()
      if (!running) return fail({ kind: 'not-found', message: 'The demo server is not running.' })
      await running.reset()
      handles.discardServer(DEMO_SERVER_ID)
      await accounts.forgetServer(DEMO_SERVER_ID)
      return ok({})
    },
  }
}
