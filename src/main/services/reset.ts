import type { AppMessage } from '../../shared/messages'
import type { LinkHandle } from '../../shared/contract'
import { fail, ok, type Result } from '../../shared/errors'
import type { Backend, CallOptions } from '../backends/types'
import type { LinkHandles, LinkIntake, UsedLinks } from '../links'
import type { Logger } from '../log'
import type { AccountsService } from './accounts'
import { describeOtherSessions } from './other-sessions'
import type { createSingleFlight } from './single-flight'

/**
 * The reset flow in main: ask for the mail, take a link (pasted or from the OS) behind a handle, check it where
 * the server can, and confirm it. The token never leaves this module's callers in main.
 */
export interface ResetService {
  requestReset(serverId: string, email: string): Promise<Result<{ requestedAt: string }>>
  openPastedLink(url: string): Result<LinkHandle>
  checkLink(handle: string): Promise<Result<{ status: 'valid' | 'dead' | 'unknown' }>>
  confirmReset(
    handle: string,
    newPassword: string,
    retypePassword: string,
  ): Promise<Result<{ serverId: string; username?: string; otherSessions: AppMessage | null }>>
  discardLink(handle: string): Result<Record<string, never>>
}

export function createResetService(opts: {
  backendFor: (serverId: string) => Backend | undefined
  handles: LinkHandles
  /** Where a link that set a password is remembered (as a digest), to say so if it is opened again. */
  usedLinks?: Pick<UsedLinks, 'remember'>
  intake: () => LinkIntake
  accounts: AccountsService
  singleFlight: ReturnType<typeof createSingleFlight>
  logger: Logger
  now: () => Date
  /** Options for every server call (the signal of the user's Cancel). */
  call: () => CallOptions
  /** The username of a known account whose user id encodes to `uid`, if any. */
  accountHint?: (serverId: string, uid: string) => string | undefined
}): ResetService {
  const { backendFor, handles, accounts, singleFlight, logger } = opts
  const unknownHandle = () =>
    fail({ kind: 'link-invalid', reason: 'unknown-handle', message: { code: 'link.unknown-handle' } })

  return {
    requestReset(serverId, email) {
      const backend = backendFor(serverId)
      if (!backend)
        return Promise.resolve(fail({ kind: 'not-found', message: { code: 'server.not-listed' } }))
      // Never retried, and a double submit sends one request: each call may send a mail.
      return singleFlight(`reset:${serverId}:${email.trim().toLowerCase()}`, async () => {
        const result = await backend.requestReset(email.trim(), opts.call())
        if (!result.ok) return result
        logger.info('reset.requested', { server: serverId })
        return ok({ requestedAt: opts.now().toISOString() })
      })
    },

    openPastedLink: (url) => opts.intake().register(url, 'pasted'),

    async checkLink(handle) {
      const link = handles.peek(handle)
      if (!link) return unknownHandle()
      const backend = backendFor(link.serverId)
      if (!backend) return fail({ kind: 'not-found', message: { code: 'server.not-listed-any-more' } })
      const result = await backend.checkLink({ uid: link.uid, token: link.token }, opts.call())
      if (!result.ok) return result
      return ok({ status: result.value })
    },

    confirmReset(handle, newPassword, retypePassword) {
      return singleFlight(`confirm:${handle}`, async () => {
        // Peek, not take: a weak password or a typo in the retype must not use the link up.
        const link = handles.peek(handle)
        if (!link) return unknownHandle()
        const backend = backendFor(link.serverId)
        if (!backend) return fail({ kind: 'not-found', message: { code: 'server.not-listed-any-more' } })
        const result = await backend.confirmReset(
          { uid: link.uid, token: link.token, newPassword, retypePassword },
          opts.call(),
        )
        if (!result.ok) {
          if (result.error.kind === 'link-invalid') {
            handles.discard(handle)
            return fail({ ...result.error, serverId: link.serverId })
          }
          return result
        }
        handles.discard(handle)
        opts.usedLinks?.remember(link)
        const username = await accounts.dropSessionAfterReset(
          link.serverId,
          opts.accountHint?.(link.serverId, link.uid),
        )
        logger.info('reset.confirmed', { server: link.serverId })
        return ok({
          serverId: link.serverId,
          ...(username ? { username } : {}),
          otherSessions: describeOtherSessions(result.value.otherSessions, 'reset', backend.kind),
        })
      })
    },

    discardLink(handle) {
      handles.discard(handle)
      return ok({})
    },
  }
}
