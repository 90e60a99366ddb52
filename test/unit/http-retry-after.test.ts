import { describe, expect, test } from 'vitest'
import {
  parseRetryAfter,
  RETRY_AFTER_DEFAULT_SECONDS,
  RETRY_AFTER_MAX_SECONDS,
} from '../../src/main/http/retry-after'

const NOW = Date.parse('2026-11-30T12:00:00Z')

describe('parseRetryAfter', () => {
  test.each([
    ['120', 120],
    ['0', 1],
    ['1', 1],
    ['3600', 3600],
    ['3601', RETRY_AFTER_MAX_SECONDS],
    ['99999999999999999999999', RETRY_AFTER_MAX_SECONDS],
    [' 45 ', 45],
    ['2026', 2026],
  ])('delay-seconds %j → %i', (value, seconds) => {
    expect(parseRetryAfter(value, NOW)).toBe(seconds)
  })

  test.each([
    ['Mon, 30 Nov 2026 12:01:30 GMT', 90],
    ['Mon, 30 Nov 2026 11:59:00 GMT', 1],
    ['Wed, 30 Dec 2026 12:00:00 GMT', RETRY_AFTER_MAX_SECONDS],
    ['Monday, 30-Nov-26 12:00:10 GMT', 10],
  ])('HTTP date %j → %i', (value, seconds) => {
    expect(parseRetryAfter(value, NOW)).toBe(seconds)
  })

  test.each([undefined, null, '', 'soon', '-5', '1.5', '12abc', '+30'])(
    'unreadable %j → the default',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBe(RETRY_AFTER_DEFAULT_SECONDS)
    },
  )
})
