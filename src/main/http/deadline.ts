/**
 * A deadline for one backend operation (one or more HTTP requests). It aborts its signal when the time is up or
 * when the caller cancels, and remembers which of the two happened, so a failure can be reported as a timeout
 * or as a cancellation rather than as a network error.
 */
export type DeadlineEnd = 'timeout' | 'cancelled'

export interface Deadline {
  readonly signal: AbortSignal
  /** Milliseconds left, never negative. */
  remainingMs(): number
  /** Why the signal was aborted, or null while the deadline is running. */
  ended(): DeadlineEnd | null
  /** Stops the timer and detaches from the caller's signal. Safe to call twice. */
  dispose(): void
}

export function startDeadline(
  timeoutMs: number,
  cancel?: AbortSignal,
  now: () => number = Date.now,
): Deadline {
  const controller = new AbortController()
  const endsAt = now() + timeoutMs
  let end: DeadlineEnd | null = null
  const finish = (why: DeadlineEnd) => {
    if (end) return
    end = why
    controller.abort(new DeadlineError(why))
  }
  const timer = setTimeout(() => finish('timeout'), Math.max(0, timeoutMs))
  const onCancel = () => finish('cancelled')
  if (cancel?.aborted) finish('cancelled')
  else cancel?.addEventListener('abort', onCancel, { once: true })
  return {
    signal: controller.signal,
    remainingMs: () => Math.max(0, endsAt - now()),
    ended: () => end,
    dispose: () => {
      clearTimeout(timer)
      cancel?.removeEventListener('abort', onCancel)
    },
  }
}

export class DeadlineError extends Error {
  constructor(readonly why: DeadlineEnd) {
    super(why === 'timeout' ? 'deadline passed' : 'cancelled')
    this.name = 'DeadlineError'
  }
}
