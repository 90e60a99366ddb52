import { vi } from 'vitest'
import { EVENT_NAMES, INVOKE_NAMES, type EventName, type InvokeName } from '../../src/shared/channels'
import type {
  Account,
  AppInfo,
  Bridge,
  EventPayloadOf,
  LinkHandle,
  RequestOf,
  ResponseOf,
  ServerSummary,
} from '../../src/shared/contract'
import type { AppError, Result } from '../../src/shared/errors'

type Impl<K extends InvokeName> = (
  request: RequestOf<K>,
) => Promise<Result<ResponseOf<K>>> | Result<ResponseOf<K>>
export type Impls = { [K in InvokeName]?: Impl<K> }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = <T = never>(error: AppError): Result<T> => ({ ok: false, error })

export const RULES = { minLength: 8, notNumeric: true, notCommon: true, notSimilar: true, maxLength: 4096 }

export const djoserServer: ServerSummary = {
  id: 'corp',
  displayName: 'Example Corp',
  baseUrl: 'https://accounts.example.com',
  host: 'accounts.example.com',
  kind: 'djoser',
  passwordRules: RULES,
  canCheckLink: false,
  signInWith: 'username',
  locked: false,
  demo: false,
}

export const formsServer: ServerSummary = {
  id: 'intranet',
  displayName: 'Intranet',
  baseUrl: 'https://intranet.example.com',
  host: 'intranet.example.com',
  kind: 'django-forms',
  passwordRules: { ...RULES, minLength: 10 },
  canCheckLink: true,
  signInWith: 'username',
  locked: true,
  demo: false,
}

export const demoServer: ServerSummary = {
  id: 'demo',
  displayName: 'Demo server',
  baseUrl: 'http://127.0.0.1:41000',
  host: '127.0.0.1:41000',
  kind: 'djoser',
  passwordRules: RULES,
  canCheckLink: false,
  signInWith: 'username',
  locked: true,
  demo: true,
}

export const alice: Account = {
  id: 'corp:alice',
  serverId: 'corp',
  username: 'alice',
  email: 'alice@example.com',
  signedIn: true,
  sessionStorage: 'encrypted',
}

export const appInfo = (over: Partial<AppInfo> = {}): AppInfo => ({
  name: 'Account Desk',
  version: '0.1.0',
  scheme: 'accountdesk-dev',
  platform: 'linux',
  shell: 'browser-shell',
  demo: { enabled: false, running: false },
  secretStorage: 'encrypted',
  notices: [],
  serversLocked: false,
  ...over,
})

export const linkFor = (over: Partial<LinkHandle> = {}): LinkHandle => ({
  handle: '0123456789abcdef0123456789abcdef',
  serverId: 'corp',
  serverName: 'Example Corp',
  issuedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  accountHint: 'alice',
  ...over,
})

/** A promise the test resolves when it wants: for "pending" states. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

/**
 * A Bridge (the contract's type) backed by functions the test chooses. Every call is recorded with its request;
 * events are fired with `emit`.
 */
export function createFakeBridge(initial: Impls = {}) {
  const impls: Impls = {
    getAppInfo: () => ok(appInfo()),
    rendererReady: () => ok({}),
    cancelPending: () => ok({}),
    listServers: () => ok([djoserServer]),
    listAccounts: () => ok([]),
    listDemoMail: () => ok([]),
    discardLink: () => ok({}),
    getLanguage: () => ok({ language: 'en', choice: 'system', pinned: false, system: 'en' }),
    setLanguage: ({ choice }) =>
      ok({ language: choice === 'system' ? 'en' : choice, choice, pinned: false, system: 'en' }),
    ...initial,
  }
  const calls: { name: InvokeName; request: unknown }[] = []
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>(
    EVENT_NAMES.map((n) => [n, new Set()]),
  )
  const bridge: Record<string, unknown> = {}
  for (const name of INVOKE_NAMES) {
    bridge[name] = vi.fn(async (request: unknown) => {
      calls.push({ name, request })
      const impl = impls[name] as ((r: unknown) => unknown) | undefined
      if (!impl) return fail({ kind: 'internal', message: `fake bridge: ${name} not set` })
      return impl(request)
    })
  }
  for (const name of EVENT_NAMES) {
    bridge[name] = (listener: (payload: unknown) => void) => {
      listeners.get(name)?.add(listener)
      return () => listeners.get(name)?.delete(listener)
    }
  }
  return {
    bridge: bridge as unknown as Bridge,
    calls,
    callsOf: (name: InvokeName) => calls.filter((c) => c.name === name).map((c) => c.request),
    set<K extends InvokeName>(name: K, impl: Impl<K>) {
      ;(impls as Record<string, unknown>)[name] = impl
    },
    emit<K extends EventName>(name: K, payload: EventPayloadOf<K>) {
      for (const listener of listeners.get(name) ?? []) listener(payload)
    },
    listenerCount: (name: EventName) => listeners.get(name)?.size ?? 0,
  }
}
export type FakeBridge = ReturnType<typeof createFakeBridge>
