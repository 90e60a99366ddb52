/**
 * Django REST framework's SimpleRateThrottle (rest_framework/throttling.py): a sliding window of request times per
 * key, `<n>/<period>` rates, and DRF's wait() estimate, which becomes the 429's `Retry-After` and message. Only
 * allowed requests are recorded, as in DRF. Keys are bounded so a flood of distinct keys cannot grow memory.
 */
export interface Rate {
  requests: number
  seconds: number
}

const PERIODS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 }

/** DRF's parse_rate: "5/min", "100/hour", "1/s" (only the period's first letter counts). */
export function parseRate(rate: string): Rate {
  const match = /^\s*(\d{1,9})\s*\/\s*([smhd])[a-z]*\s*$/i.exec(rate)
  if (!match || Number(match[1]) < 1)
    throw new RangeError(`A rate looks like "5/min" or "100/hour", not "${rate}".`)
  return { requests: Number(match[1]), seconds: PERIODS[(match[2] as string).toLowerCase()] as number }
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; waitSeconds: number }

const MAX_KEYS = 10_000

export class RateThrottle {
  private readonly history = new Map<string, number[]>()

  constructor(
    readonly rate: Rate,
    private readonly now: () => number,
  ) {}

  /** allow_request + wait(). Times are in seconds (fractions kept, as DRF's time.time()). */
  check(key: string): ThrottleVerdict {
    const now = this.now() / 1000
    const kept = (this.history.get(key) ?? []).filter((t) => t > now - this.rate.seconds)
    this.history.delete(key)
    if (kept.length >= this.rate.requests) {
      this.history.set(key, kept)
      const remaining = this.rate.seconds - (now - (kept[kept.length - 1] as number))
      return { allowed: false, waitSeconds: remaining / (this.rate.requests - kept.length + 1) }
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
