import { describe, expect, test } from 'vitest'
import { liveRateLimitMessage } from '../../src/renderer/src/errors/rate-limit-message'

const joined = (m: ReturnType<typeof liveRateLimitMessage>) => (m ? m.before + m.seconds + m.after : null)

describe('a rate limit’s sentence with the live count', () => {
  test('DRF’s English: the number follows the clock, "second" when one is left', () => {
    const message = 'Request was throttled. Expected available in 50 seconds.'
    expect(joined(liveRateLimitMessage(message, 50, 49))).toBe(
      'Request was throttled. Expected available in 49 seconds.',
    )
    expect(joined(liveRateLimitMessage(message, 50, 1))).toBe(
      'Request was throttled. Expected available in 1 second.',
    )
    expect(joined(liveRateLimitMessage('Expected available in 1 second.', 1, 1))).toBe(
      'Expected available in 1 second.',
    )
  })

  test('another language keeps its words (DRF’s German)', () => {
    expect(
      joined(
        liveRateLimitMessage('Die Anfrage wurde gedrosselt. Erwarte Verfügbarkeit in 53 Sekunden.', 53, 12),
      ),
    ).toBe('Die Anfrage wurde gedrosselt. Erwarte Verfügbarkeit in 12 Sekunden.')
  })

  test('the number that equals Retry-After, else the only number, else none', () => {
    expect(joined(liveRateLimitMessage('Limit 5 per minute: wait 40 seconds.', 40, 39))).toBe(
      'Limit 5 per minute: wait 39 seconds.',
    )
    expect(joined(liveRateLimitMessage('Wait 61 seconds.', 60, 59))).toBe('Wait 59 seconds.')
    expect(liveRateLimitMessage('Limit 5 per minute, try 7 later.', 60, 59)).toBeNull()
    expect(liveRateLimitMessage('Slow down.', 60, 59)).toBeNull()
  })
})
