/**
 * `Retry-After` as seconds to wait: delay-seconds (`120`) or an HTTP date. Missing or unreadable gives the
 * default; anything beyond the cap is capped, so a hostile or broken server cannot lock a form for days.
 */
export const RETRY_AFTER_DEFAULT_SECONDS = 60
export const RETRY_AFTER_MAX_SECONDS = 3600

export function parseRetryAfter(value: string | undefined | null, nowMs: number): number {
  const text = (value ?? '').trim()
  if (text === '') return RETRY_AFTER_DEFAULT_SECONDS
  let seconds: number
  if (/^\d+$/.test(text)) {
    seconds = Number(text)
  } else {
    const at = Date.parse(text)
    // An HTTP date always names a weekday or month; refuse bare numbers with signs, fractions and the like.
    if (!Number.isFinite(at) || !/[a-z]{3}/i.test(text)) return RETRY_AFTER_DEFAULT_SECONDS
    seconds = Math.ceil((at - nowMs) / 1000)
  }
  if (!Number.isFinite(seconds)) return RETRY_AFTER_MAX_SECONDS
  return Math.min(RETRY_AFTER_MAX_SECONDS, Math.max(1, Math.ceil(seconds)))
}
