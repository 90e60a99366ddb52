import type { AppError } from '../../../shared/errors'
import { useApp } from '../store/provider'
import type { Action } from '../store/types'

/** The failure of one of these actions on the current screen, if any. */
export function useFailure(...actions: Action[]): AppError | null {
  const failure = useApp((s) => s.failure)
  return failure && actions.includes(failure.action) ? failure.error : null
}

/** Seconds left before the server lets this action run again (rate limit), ticking. */
export function useRateLimitUntil(action: Action): number | null {
  return useApp((s) => (s.rateLimit && s.rateLimit.action === action ? s.rateLimit.until : null))
}
