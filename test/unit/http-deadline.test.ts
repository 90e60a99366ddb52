import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { DeadlineError, startDeadline } from '../../src/main/http/deadline'

describe('startDeadline', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  test('counts down from its own clock, never below zero, and ends as a timeout when the time is up', () => {
    let now = 1_000
    const deadline = startDeadline(500, undefined, () => now)
    expect(deadline.ended()).toBeNull()
    expect(deadline.signal.aborted).toBe(false)
    expect(deadline.remainingMs()).toBe(500)
    now = 1_200
    expect(deadline.remainingMs()).toBe(300)
    now = 2_000
    expect(deadline.remainingMs()).toBe(0)

    vi.advanceTimersByTime(499)
    expect(deadline.ended()).toBeNull()
    vi.advanceTimersByTime(1)
    expect(deadline.ended()).toBe('timeout')
    expect(deadline.signal.aborted).toBe(true)
    expect(deadline.signal.reason).toBeInstanceOf(DeadlineError)
    expect(deadline.signal.reason).toMatchObject({
      why: 'timeout',
      message: 'deadline passed',
      name: 'DeadlineError',
    })
    deadline.dispose()
  })

  test('a negative time ends at once', () => {
    const deadline = startDeadline(-5)
    vi.advanceTimersByTime(0)
    expect(deadline.ended()).toBe('timeout')
    expect(deadline.remainingMs()).toBe(0)
  })

  test('the caller’s signal cancels, and the first end is the one remembered', () => {
    const caller = new AbortController()
    const deadline = startDeadline(100, caller.signal)
    caller.abort()
    expect(deadline.ended()).toBe('cancelled')
    expect(deadline.signal.reason).toMatchObject({ why: 'cancelled', message: 'cancelled' })
    vi.advanceTimersByTime(200)
    expect(deadline.ended()).toBe('cancelled')
    expect(deadline.signal.reason).toMatchObject({ why: 'cancelled' })
  })

  test('an already cancelled signal ends it before it starts', () => {
    const caller = new AbortController()
    caller.abort()
    const deadline = startDeadline(10_000, caller.signal)
    expect(deadline.ended()).toBe('cancelled')
    expect(deadline.signal.aborted).toBe(true)
  })

  test('dispose stops the timer and lets go of the caller’s signal; twice is harmless', () => {
    const caller = new AbortController()
    const removed = vi.spyOn(caller.signal, 'removeEventListener')
    const deadline = startDeadline(100, caller.signal)
    deadline.dispose()
    deadline.dispose()
    expect(removed).toHaveBeenCalledWith('abort', expect.any(Function))
    vi.advanceTimersByTime(1_000)
    caller.abort()
    expect(deadline.ended()).toBeNull()
    expect(deadline.signal.aborted).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
  })
})
