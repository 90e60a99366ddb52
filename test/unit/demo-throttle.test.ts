import { describe, expect, it } from 'vitest'
import { RateThrottle, throttledDetail } from '../../src/main/demo/throttle'

describe("DRF's SimpleRateThrottle", () => {
  it('allows n requests per window and then says how long to wait, as DRF computes it', () => {
    let now = 1_000_000
    const throttle = new RateThrottle(3, 60, () => now)
    for (const t of [0, 10, 20]) {
      now = 1_000_000 + t * 1000
      expect(throttle.check('k')).toEqual({ allowed: true })
    }
    now = 1_000_000 + 30_000
    // remaining = 60 - (30 - 0) = 30 s, one request available after it: wait 30 / 1.
    expect(throttle.check('k')).toEqual({ allowed: false, waitSeconds: 30 })
    // Refused requests are not recorded: at 60.5 s the first one has left the window.
    now = 1_000_000 + 60_500
    expect(throttle.check('k')).toEqual({ allowed: true })
    expect(throttle.check('k')).toMatchObject({ allowed: false })
    // Other keys are independent.
    expect(throttle.check('other')).toEqual({ allowed: true })
    throttle.clear()
    expect(throttle.check('k')).toEqual({ allowed: true })
  })

  it('matches DRF’s 429 wording and Retry-After (ceil, singular for 1)', () => {
    expect(throttledDetail(60)).toEqual({
      detail: 'Request was throttled. Expected available in 60 seconds.',
      retryAfter: 60,
    })
    expect(throttledDetail(0.2)).toEqual({
      detail: 'Request was throttled. Expected available in 1 second.',
      retryAfter: 1,
    })
    expect(throttledDetail(1.5).retryAfter).toBe(2)
  })

  it('keeps memory bounded under a flood of distinct keys', () => {
    let now = 0
    const throttle = new RateThrottle(1, 3600, () => now)
    for (let i = 0; i < 25_000; i++) {
      now += 1
      throttle.check(`key-${i}`)
    }
    const size = (throttle as unknown as { history: Map<string, number[]> }).history.size
    expect(size).toBeLessThanOrEqual(10_000)
    // The most recent keys are still throttled.
    expect(throttle.check('key-24999')).toMatchObject({ allowed: false })
  })
})
