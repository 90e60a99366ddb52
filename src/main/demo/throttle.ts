/**
 * Django REST framework's SimpleRateThrottle (rest_framework/throttling.py): a sliding window of request times per
 * key, `<n>/<period>` rates, and DRF's wait() estimate, which becomes the 429's `Retry-After` and message.
 * Only allowed requests are recorded, as in DRF. Keys are bounded so a flood of distinct keys cannot grow memory.
 */
export interface Rate {
  requests: number
  seconds: number
}

const PERIODS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 }

/** DRF's parse_rate: "5/min", "100/hour", "1/s" (only the period's first letter counts). */
export function parseRate(rate: string): Rate {
  const match = /^\s*(\d{1,9})\s*\/\s*([smhd])[a-z]*\s*$/i.exec(rate)
  if (!match) throw new RangeError(`A rate looks like "5/min" or "100/hour", not "${rate}".`)
  const requests = Number(match[1])
  if (requests < 1) throw new RangeError('A rate allows at least one request.')
  return { requests, seconds: PERIODS[(match[2] as string).toLowerCase()] as number }
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
    if (kept.length >= this.rate.requests) {
      this.history.set(key, kept)
      const oldest = kept[kept.length - 1] as number
      const remaining = this.rate.seconds - (now - oldest)
      const available = this.rate.requests - kept.length + 1
      return { allowed: false, waitSeconds: available <= 0 ? this.rate.seconds : remaining / available }
    }
    kept.unshift(now)
    this.history.delete(key)
    this.history.set(key, kept)
    if (this.history.size > MAX_KEYS) this.evict(now)
    return { allowed: true }
  }

  clear(): void {
    this.history.clear()
  }

  private evict(now: number): void {
    for (const [key, times] of this.history) {
      if (!times.some((t) => t > now - this.rate.seconds)) this.history.delete(key)
    }
    // Still too many live keys: drop the least recently used, down to 90% so this runs rarely.
    for (const key of this.history.keys()) {
      if (this.history.size <= MAX_KEYS * 0.9) break
      this.history.delete(key)
    }
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
