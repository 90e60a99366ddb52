import { randomBytes } from 'node:crypto'
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

interface LiveAccount {
  stored: StoredAccount
  session: BackendSession | null
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
  ): Promise<Result<{ stillSignedIn: boolean; otherSessions: string }>>
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
  load: () => Promise<{ value: AccountsFile; notice?: Notice }>
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
  let undecryptable = 0
  const accounts: LiveAccount[] = await Promise.all(
    loaded.value.accounts.map(async (stored) => {
      let session: BackendSession | null = null
      if (stored.sealedSession) {
        const plain = await secrets.open(stored.sealedSession)
        session = plain ? (backendFor(stored.serverId)?.restoreSession(plain) ?? null) : null
        if (!session) undecryptable++
      }
      return { stored, session }
    }),
  )
  if (undecryptable > 0) {
    opts.notices.push({
      level: 'info',
      message: `Account Desk could not unlock ${undecryptable === 1 ? 'a saved sign-in' : `${undecryptable} saved sign-ins`} on this computer. Sign in again where asked.`,
    })
  }

  const persist = () =>
    Promise.all(
      accounts.map(async ({ stored, session }) => {
        const sealed = session
          ? await secrets.seal(backendFor(stored.serverId)?.serializeSession(session) ?? '')
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
  const notFound = () => fail({ kind: 'not-found', message: 'That account is no longer in Account Desk.' })
  const needsSignIn = () =>
    fail({ kind: 'auth', message: 'Sign in to this account first.', sessionExpired: true })

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
      if (!backend) return fail({ kind: 'not-found', message: 'That server is not in the list.' })
      const signedIn = await backend.signIn(username, password, call())
      if (!signedIn.ok) return signedIn
      const session = signedIn.value
      const identity = await backend.whoAmI(session, call())
      const name = identity.ok ? identity.value.username : username
      let live = accounts.find(
        (a) => a.stored.serverId === serverId && a.stored.username.toLowerCase() === name.toLowerCase(),
      )
      if (!live) {
        live = { stored: { id: randomBytes(8).toString('hex'), serverId, username: name }, session: null }
        accounts.push(live)
      }
      live.session = session
      live.stored = {
        ...live.stored,
        username: name,
        ...(identity.ok && identity.value.email ? { email: identity.value.email } : {}),
        ...(identity.ok && identity.value.id ? { userId: identity.value.id } : {}),
        lastSignedInAt: opts.now().toISOString(),
      }
      await persist()
      logger.info('account.signed-in', { server: serverId })
      return ok(view(live))
    },

    async whoAmI(accountId) {
      const live = find(accountId)
      if (!live) return notFound()
      const backend = backendFor(live.stored.serverId)
      if (!backend) return notFound()
      if (!live.session) return needsSignIn()
      const identity = await dropIfExpired(live, await backend.whoAmI(live.session, call()))
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
      const session = live.session
      live.session = null
      await persist()
      const backend = backendFor(live.stored.serverId)
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
      if (live.session && backend) void backend.signOut(live.session)
      accounts.splice(accounts.indexOf(live), 1)
      await persist()
      return ok({})
    },

    async changePassword(accountId, input) {
      const live = find(accountId)
      if (!live) return notFound()
      const backend = backendFor(live.stored.serverId)
      if (!backend) return notFound()
      if (!live.session) return needsSignIn()
      const result = await dropIfExpired(live, await backend.changePassword(live.session, input, call()))
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
        if (!candidate.session) continue
        const identity = await dropIfExpired(candidate, await backend.whoAmI(candidate.session, call()))
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
