import { wordWait, type ErrorsT } from './words'

/**
 * A rate limit's sentence with the live count: the server says "Request was throttled. Expected available in 50
 * seconds." once, and the seconds left keep falling while the button counts down. The server's sentence stays its
 * own (its language, its words); only its number of seconds follows the clock. Split into the text before the
 * number, the number, and the text after it, so the number alone can be kept out of screen-reader announcements.
 *
 * The number is the one that equals the Retry-After seconds, else the only number in the sentence. When there is
 * none to follow, null: the caller says the seconds left in its own words.
 */
export function liveRateLimitMessage(
  message: string,
  retryAfterSeconds: number,
  secondsLeft: number,
): { before: string; seconds: string; after: string } | null {
  const numbers = [...message.matchAll(/\d+/g)]
  const matching = numbers.filter((m) => Number(m[0]) === retryAfterSeconds)
  const target = matching.length === 1 ? matching[0] : numbers.length === 1 ? numbers[0] : undefined
  if (!target || target.index === undefined) return null
  const before = message.slice(0, target.index)
  let after = message.slice(target.index + target[0].length)
  // DRF's English says "1 second" for one: keep that right as the count reaches it.
  if (secondsLeft === 1) after = after.replace(/^ seconds\b/, ' second')
  else after = after.replace(/^ second\b(?!s)/, ' seconds')
  return { before, seconds: String(secondsLeft), after }
}

const WAIT_MARK = '\u2063wait\u2063'

/**
 * The app's own rate-limit sentence (when the server gave none) with the live count, split like
 * `liveRateLimitMessage`: "Too many attempts. Try again in " · "49 seconds" · ".", plurals from the catalog.
 */
export function appRateLimitMessage(
  t: ErrorsT,
  secondsLeft: number,
): { before: string; seconds: string; after: string } {
  const sentence = t('message.rate-limited', { wait: WAIT_MARK })
  const at = sentence.indexOf(WAIT_MARK)
  const wait = wordWait(t, secondsLeft)
  if (at < 0) return { before: sentence, seconds: '', after: '' }
  return { before: sentence.slice(0, at), seconds: wait, after: sentence.slice(at + WAIT_MARK.length) }
}
