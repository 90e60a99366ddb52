/**
 * Django REST framework's SimpleRateThrottle (rest_framework/throttling.py): a sliding window of request times per
 * key, n requests per period, and DRF's wait() estimate, which becomes the 429's `Retry-After` and message. Only
 * allowed requests are recorded, as in DRF. Keys are bounded so a flood of distinct keys cannot grow memory.
 */
export type ThrottleVerdict = { allowed: true } | { allowed: false; waitSeconds: number }

const MAX_KEYS = 10_000

export class RateThrottle {
  private readonly history = new Map<string, number[]>()

  /** `requests` per `seconds`; `now` in milliseconds. */
  constructor(
    private readonly requests: number,
    private readonly seconds: number,
    private readonly now: () => number,
  ) {}

  /** allow_request + wait(). Times are in seconds (fractions kept, as DRF's time.time()). */
  check(key: string): ThrottleVerdict {
    const now = this.now() / 1000
    const kept = (this.history.get(key) ?? []).filter((t) => t > now - this.seconds)
    this.history.delete(key)
    if (kept.length >= this.requests) {
      this.history.set(key, kept)
      const remaining = this.seconds - (now - (kept[kept.length - 1] as number))
      return { allowed: false, waitSeconds: remaining / (this.requests - kept.length + 1) }
    }
    this.history.set(key, [now, ...kept])
    // The least recently used keys go first (a Map keeps insertion order).
    for (const old of this.history.keys()) {
      if (this.history.size <= MAX_KEYS) break
      this.history.delete(old)
    }
    return { allowed: true }
  }

  clear(): void {
    this.history.clear()
  }
}

/** DRF's Throttled message: "Request was throttled. Expected available in N second(s)." with N = ceil(wait). */
export function throttledDetail(waitSeconds: number): { detail: string; retryAfter: number } {
  const wait = Math.ceil(waitSeconds)
  return {
    detail: `Request was throttled. Expected available in ${wait} ${wait === 1 ? 'second' : 'seconds'}.`,
    retryAfter: wait,
  }
}
