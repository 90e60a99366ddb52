/**
 * One queue for every way a link arrives (cold-start argv, macOS `open-url` before `ready`, `second-instance`,
 * a pasted link, the demo mailbox). Nothing is delivered until the renderer has said it is ready; then each
 * event is delivered once, in arrival order. A reload (`markNotReady`) holds new events until the next
 * `markReady`. If delivering throws (the window went away), the event stays at the head and the queue waits
 * for the next `markReady`.
 */
import type { LinkEvent } from '../../shared/contract'

export const MAX_PENDING_LINK_EVENTS = 16

export interface LinkQueue {
  push(event: LinkEvent): void
  /** The renderer is mounted and listening: deliver what waits, then deliver as events come. */
  markReady(): void
  /** The renderer is gone or reloading: hold events until the next `markReady`. */
  markNotReady(): void
  isReady(): boolean
  pending(): number
}

export interface LinkQueueOptions {
  deliver: (event: LinkEvent) => void
  /** Called for an event dropped because too many were waiting (oldest first), e.g. to discard its handle. */
  onDrop?: (event: LinkEvent) => void
  maxPending?: number
}

export function createLinkQueue({
  deliver,
  onDrop,
  maxPending = MAX_PENDING_LINK_EVENTS,
}: LinkQueueOptions): LinkQueue {
  const waiting: LinkEvent[] = []
  let ready = false
  let flushing = false

  const flush = () => {
    if (flushing) return // deliver() pushed or marked ready again: the running loop picks it up
    flushing = true
    try {
      while (ready && waiting.length > 0) {
        const next = waiting[0] as LinkEvent
        try {
          deliver(next)
        } catch {
          ready = false
          return
        }
        waiting.shift()
      }
    } finally {
      flushing = false
    }
  }

  return {
    push(event) {
      waiting.push(event)
      while (waiting.length > Math.max(1, maxPending)) {
        const dropped = waiting.shift() as LinkEvent
        try {
          onDrop?.(dropped)
        } catch {
          // dropping must not stop the queue
        }
      }
      flush()
    },
    markReady() {
      ready = true
      flush()
    },
    markNotReady() {
      ready = false
    },
    isReady: () => ready,
    pending: () => waiting.length,
  }
}
