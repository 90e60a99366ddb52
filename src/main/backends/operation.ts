import { fail, type AppError, type Result } from '../../shared/errors'
import { startDeadline, type Deadline } from '../http/deadline'
import type { Logger } from '../log'
import { MESSAGES } from './messages'
import { say } from '../../shared/messages'
import type { BackendSession, ResetLink } from './types'

/** Runs one backend operation under one deadline (the profile's timeout), whatever number of requests it takes. */
export async function withDeadline<T>(
  timeoutMs: number,
  signal: AbortSignal | undefined,
  run: (deadline: Deadline) => Promise<Result<T>>,
): Promise<Result<T>> {
  const deadline = startDeadline(timeoutMs, signal)
  try {
    return await run(deadline)
  } catch {
    // Adapters do not throw; if one does anyway, say so without details (they could hold secrets).
    return fail({ kind: 'internal', message: say('internal.try-again') })
  } finally {
    deadline.dispose()
  }
}

/** A session this adapter did not make (another kind, another server): the user signs in again. */
export const wrongSessionError = (): AppError => ({
  kind: 'auth',
  message: MESSAGES.wrongSessionKind,
  sessionExpired: true,
})

/**
 * For the operations that send a session's token (who am I, sign out, change the password): each runs under one
 * deadline as withDeadline does; a session `tokenOf` finds no token in (not this adapter's) is refused with
 * wrongSessionError before any request.
 */
export function sessionTokenOperation(
  timeoutMs: number,
  tokenOf: (session: BackendSession) => string | null,
) {
  return <T>(
    session: BackendSession,
    signal: AbortSignal | undefined,
    run: (token: string, deadline: Deadline) => Promise<Result<T>>,
  ): Promise<Result<T>> =>
    withDeadline(timeoutMs, signal, async (deadline) => {
      const token = tokenOf(session)
      return token ? run(token, deadline) : fail(wrongSessionError())
    })
}

/** Logs the outcome of an operation: its name, the error kind, never values. */
export function logOutcome<T>(logger: Logger, operation: string, result: Result<T>): Result<T> {
  if (result.ok) logger.info('backend.ok', { operation })
  else logger.info('backend.failed', { operation, error: result.error.kind })
  return result
}

const UID = /^[A-Za-z0-9_-]{1,64}={0,2}$/
const TOKEN = /^[0-9a-z]{1,13}-[0-9a-f]{20,64}$/

/** uid and token must look like Django's before they go into a URL or a request body. */
export function checkLinkShape(link: ResetLink): AppError | null {
  if (
    typeof link.uid !== 'string' ||
    typeof link.token !== 'string' ||
    !UID.test(link.uid) ||
    !TOKEN.test(link.token)
  )
    return { kind: 'link-invalid', reason: 'refused', message: MESSAGES.refusedLink }
  return null
}

export const deadLinkError = (serverId: string): AppError => ({
  kind: 'link-invalid',
  reason: 'dead',
  message: MESSAGES.deadLink,
  serverId,
})

export const passwordsDifferError = (): AppError => ({
  kind: 'validation',
  message: MESSAGES.passwordsDiffer,
  fields: {},
  fieldCodes: { retypePassword: [MESSAGES.passwordsDiffer] },
})
