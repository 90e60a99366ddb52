import type { AppMessage } from '../../shared/messages'
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { Account } from '../../shared/contract'
import { fail, ok, type Result } from '../../shared/errors'
import type { Backend, BackendSession, CallOptions } from '../backends/types'
import type { Logger } from '../log'
import type { AccountsFile, Notice, StoredAccount } from '../storage/app-files'
import type { SecretStore } from '../storage/secret-store'
import { describeOtherSessions } from './other-sessions'

/**
 * Accounts and their sessions. A session lives in memory while the app runs and, where the secret store can
 * encrypt, sealed in accounts.json. A session that no longer decrypts, or that the server refuses, means "sign in
 * again". Passwords pass through and are never kept.
 */
/** Django's uid: the primary key, base64url without padding. Null when it does not decode to plain text. */
export function decodeUid(uid: string): string | null {
  try {
    const text = Buffer.from(uid, 'base64url').toString('utf8')
    return /^[\w-]{1,64}$/.test(text) ? text : null
  } catch {
    return null
  }
}

/** The server a session was made for: its origin and backend kind, sealed together with the session. */
interface SessionBinding {
  origin: string
  kind: string
}

interface LiveAccount {
  stored: StoredAccount
  session: BackendSession | null
  /** Where `session` may be sent; a server whose id now has another origin or kind never receives it. */
  boundTo: SessionBinding | null
}

const bindingOf = (backend: Backend): SessionBinding => ({
  origin: new URL(backend.profile.baseUrl).origin,
  kind: backend.kind,
})
const sameBinding = (a: SessionBinding, b: SessionBinding) => a.origin === b.origin && a.kind === b.kind

/** What the secret store seals: the adapter's session with the origin and kind it belongs to. */
const sealedSessionSchema = z.object({
  v: z.literal(2),
  origin: z.string(),
  kind: z.string(),
  session: z.string(),
})

function unsealedSession(plain: string): z.infer<typeof sealedSessionSchema> | null {
  try {
    const parsed = sealedSessionSchema.safeParse(JSON.parse(plain))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export interface AccountsService {
  list(): Account[]
  signIn(serverId: string, username: string, password: string): Promise<Result<Account>>
  whoAmI(accountId: string): Promise<Result<Account>>
  signOut(accountId: string): Promise<Result<Record<string, never>>>
  remove(accountId: string): Promise<Result<Record<string, never>>>
  changePassword(
    accountId: string,
    input: { current: string; new: string; retype: string },
  ): Promise<Result<{ stillSignedIn: boolean; otherSessions: AppMessage | null }>>
  /** After a reset: forget this app's session for the account the link was for. Returns its username. */
  dropSessionAfterReset(serverId: string, accountHint: string | undefined): Promise<string | undefined>
  /** The server was removed: forget its accounts. */
  forgetServer(serverId: string): Promise<void>
  /**
   * Which account a reset link is for: the one whose user id the link's uid encodes, else the one whose e-mail
   * this app last asked a reset for on that server.
   */
  accountHint(serverId: string, uid: string, requestedEmail: string | undefined): string | undefined
}

export async function createAccountsService(opts: {
  load: () => Promise<{ value: AccountsFile; notice?: Notice; problem?: string }>
  save: (file: AccountsFile) => Promise<void>
  backendFor: (serverId: string) => Backend | undefined
  secrets: SecretStore
  logger: Logger
  now: () => Date
  notices: Notice[]
  /** Options for every server call (the signal of the user's Cancel). */
  call: () => CallOptions
}): Promise<AccountsService> {
  const { backendFor, secrets, logger, call } = opts
  const loaded = await opts.load()
  if (loaded.notice) opts.notices.push(loaded.notice)
  if (loaded.problem) logger.warn('accounts.unreadable', { problem: loaded.problem })
  let undecryptable = 0
  let moved = 0
  const accounts: LiveAccount[] = await Promise.all(
    loaded.value.accounts.map(async (stored): Promise<LiveAccount> => {
      if (!stored.sealedSession) return { stored, session: null, boundTo: null }
      const plain = await secrets.open(stored.sealedSession)
      const sealed = plain ? unsealedSession(plain) : null
      const backend = backendFor(stored.serverId)
      if (sealed && backend && !sameBinding(sealed, bindingOf(backend))) {
        // The server with this id now has another address or kind: the session is never sent there.
        logger.warn('account.session-server-changed', { server: stored.serverId })
        moved++
        return { stored, session: null, boundTo: null }
      }
      const session = sealed && backend ? backend.restoreSession(sealed.session) : null
      if (!session) undecryptable++
      return { stored, session, boundTo: session && backend ? bindingOf(backend) : null }
    }),
  )
  if (moved > 0) {
    opts.notices.push({
      level: 'warning',
      message: { code: 'notice.sessions-moved', count: moved },
    })
  }
  if (undecryptable > 0) {
    opts.notices.push({
      level: 'info',
      message: { code: 'notice.sessions-locked', count: undecryptable },
    })
  }

  const persist = () =>
    Promise.all(
      accounts.map(async ({ stored, session, boundTo }) => {
        const serialized =
          session && boundTo ? backendFor(stored.serverId)?.serializeSession(session) : undefined
        const sealed = serialized
          ? await secrets.seal(JSON.stringify({ v: 2, ...boundTo, session: serialized }))
          : null
        const { sealedSession: _old, ...rest } = stored
        return sealed ? { ...rest, sealedSession: sealed } : rest
      }),
    )
      .then((sealed) => opts.save({ version: 1, accounts: sealed }))
      .catch((error: unknown) => logger.error('accounts.save-failed', { error }))

  const view = ({ stored, session }: LiveAccount): Account => ({
    id: stored.id,
    serverId: stored.serverId,
    username: stored.username,
    ...(stored.email ? { email: stored.email } : {}),
    signedIn: session !== null,
    sessionStorage: session ? secrets.mode : 'none',
    ...(stored.lastSignedInAt ? { lastSignedInAt: stored.lastSignedInAt } : {}),
  })
  const find = (id: string) => accounts.find((a) => a.stored.id === id)
  const notFound = () => fail({ kind: 'not-found', message: { code: 'account.gone' } })
  const needsSignIn = () =>
    fail({ kind: 'auth', message: { code: 'auth.sign-in-first' }, sessionExpired: true })

  /**
   * The account's session if it may go to `backend`'s server: made for the same origin and kind. A session made
   * for another address or kind (the server's id was reused) is forgotten, never sent.
   */
  const sessionFor = async (live: LiveAccount, backend: Backend): Promise<BackendSession | null> => {
    if (!live.session) return null
    if (live.boundTo && sameBinding(live.boundTo, bindingOf(backend))) return live.session
    logger.warn('account.session-server-changed', { server: live.stored.serverId })
    live.session = null
    live.boundTo = null
    await persist()
    return null
  }

  /** A signed-in account with its server's backend and the session that may go there; else why not. */
  const signedInAccount = async (
    accountId: string,
  ): Promise<Result<{ live: LiveAccount; backend: Backend; session: BackendSession }>> => {
    const live = find(accountId)
    if (!live) return notFound()
    const backend = backendFor(live.stored.serverId)
    if (!backend) return notFound()
    const session = await sessionFor(live, backend)
    if (!session) return needsSignIn()
    return ok({ live, backend, session })
  }

  /** A refused session is forgotten at once, so the screen shows "sign in again". */
  const dropIfExpired = async <T>(live: LiveAccount, result: Result<T>): Promise<Result<T>> => {
    if (!result.ok && result.error.kind === 'auth' && result.error.sessionExpired) {
      live.session = null
      await persist()
    }
    return result
  }

  return {
    list: () => accounts.map(view),

    async signIn(serverId, username, password) {
      const backend = backendFor(serverId)
      if (!backend) return fail({ kind: 'not-found', message: { code: 'server.not-listed' } })
      const signedIn = await backend.signIn(username, password, call())
      if (!signedIn.ok) return signedIn
      const session = signedIn.value
      // Signed in only when the server says who this is: a session it does not confirm is not kept.
      const identity = await backend.whoAmI(session, call())
      if (!identity.ok) {
        logger.warn('account.sign-in-unconfirmed', { server: serverId, kind: identity.error.kind })
        void backend.signOut(session)
        return identity
      }
      const name = identity.value.username
      let live = accounts.find(
        (a) => a.stored.serverId === serverId && a.stored.username.toLowerCase() === name.toLowerCase(),
      )
      if (!live) {
        live = {
          stored: { id: randomBytes(8).toString('hex'), serverId, username: name },
          session: null,
          boundTo: null,
        }
        accounts.push(live)
      }
      live.session = session
      live.boundTo = bindingOf(backend)
      live.stored = {
        ...live.stored,
        username: name,
        ...(identity.value.email ? { email: identity.value.email } : {}),
        ...(identity.value.id ? { userId: identity.value.id } : {}),
        lastSignedInAt: opts.now().toISOString(),
      }
      await persist()
      logger.info('account.signed-in', { server: serverId })
      return ok(view(live))
    },

    async whoAmI(accountId) {
      const account = await signedInAccount(accountId)
      if (!account.ok) return account
      const { live, backend, session } = account.value
      const identity = await dropIfExpired(live, await backend.whoAmI(session, call()))
      if (!identity.ok) return identity
      live.stored = {
        ...live.stored,
        username: identity.value.username,
        ...(identity.value.email ? { email: identity.value.email } : {}),
      }
      await persist()
      return ok(view(live))
    },

    async signOut(accountId) {
      const live = find(accountId)
      if (!live) return notFound()
      const backend = backendFor(live.stored.serverId)
      const session = backend ? await sessionFor(live, backend) : null
      live.session = null
      await persist()
      if (session && backend) {
        const result = await backend.signOut(session, call())
        if (!result.ok) logger.warn('account.server-sign-out-failed', { kind: result.error.kind })
      }
      return ok({})
    },

    async remove(accountId) {
      const live = find(accountId)
      if (!live) return notFound()
      const backend = backendFor(live.stored.serverId)
      const session = backend ? await sessionFor(live, backend) : null
      if (session && backend) void backend.signOut(session)
      accounts.splice(accounts.indexOf(live), 1)
      await persist()
      return ok({})
    },

    async changePassword(accountId, input) {
      const account = await signedInAccount(accountId)
      if (!account.ok) return account
      const { live, backend, session } = account.value
      const result = await dropIfExpired(live, await backend.changePassword(session, input, call()))
      if (!result.ok) return result
      live.session = result.value.session
      await persist()
      return ok({
        stillSignedIn: live.session !== null,
        otherSessions: describeOtherSessions(
          result.value.otherSessions,
          'change',
          backend.kind,
          live.session !== null,
        ),
      })
    },

    accountHint(serverId, uid, requestedEmail) {
      const onServer = accounts.filter((a) => a.stored.serverId === serverId)
      const pk = decodeUid(uid)
      const byId = pk ? onServer.find((a) => a.stored.userId === pk) : undefined
      if (byId) return byId.stored.username
      const email = requestedEmail?.toLowerCase()
      return email
        ? onServer.find((a) => a.stored.email?.toLowerCase() === email)?.stored.username
        : undefined
    },

    async dropSessionAfterReset(serverId, accountHint) {
      const onServer = accounts.filter((a) => a.stored.serverId === serverId)
      const live = accountHint
        ? onServer.find((a) => a.stored.username.toLowerCase() === accountHint.toLowerCase())
        : onServer.length === 1
          ? onServer[0]
          : undefined
      if (live) {
        live.session = null
        await persist()
        return live.stored.username
      }
      // Not known which account the link was for (django-forms learns no e-mail or user id): ask the server.
      // Django ends the sessions of a user whose password was reset, so the session it now refuses is that one's.
      const backend = backendFor(serverId)
      if (!backend) return undefined
      const refused: LiveAccount[] = []
      for (const candidate of onServer) {
        const session = await sessionFor(candidate, backend)
        if (!session) continue
        const identity = await dropIfExpired(candidate, await backend.whoAmI(session, call()))
        if (!identity.ok && candidate.session === null) refused.push(candidate)
      }
      return refused.length === 1 ? refused[0]!.stored.username : undefined
    },

    async forgetServer(serverId) {
      for (let i = accounts.length - 1; i >= 0; i--)
        if (accounts[i]!.stored.serverId === serverId) accounts.splice(i, 1)
      await persist()
    },
  }
}
