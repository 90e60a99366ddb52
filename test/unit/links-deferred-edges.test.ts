import { describe, expect, it } from 'vitest'
import { createDeferredIntake, MAX_DEFERRED_LINKS } from '../../src/main/links/deferred-intake'

// What the deferred intake keeps before the services exist, and that it steps aside once they do.
function recordingSink() {
  const calls: string[] = []
  return {
    calls,
    sink: {
      scheme: 'accountdesk',
      fromUrl: (url: string, source: string) => calls.push(`url ${source} ${url}`),
      fromArgv: (argv: readonly string[], source: string) => calls.push(`argv ${source} ${argv.join(' ')}`),
    },
  }
}

describe('deferred intake edges', () => {
  it(`keeps the newest ${MAX_DEFERRED_LINKS} links of a flood, oldest first`, () => {
    const deferred = createDeferredIntake('accountdesk')
    for (let i = 0; i <= MAX_DEFERRED_LINKS; i++) deferred.fromUrl(`accountdesk://h/${i}`, 'open-url')
    expect(deferred.pending()).toBe(MAX_DEFERRED_LINKS)
    const { calls, sink } = recordingSink()
    deferred.attach(sink)
    expect(calls).toHaveLength(MAX_DEFERRED_LINKS)
    expect(calls[0]).toBe('url open-url accountdesk://h/1')
    expect(calls.at(-1)).toBe(`url open-url accountdesk://h/${MAX_DEFERRED_LINKS}`)
  })

  it('keeps exactly 16 without dropping any', () => {
    const deferred = createDeferredIntake('accountdesk')
    for (let i = 0; i < MAX_DEFERRED_LINKS; i++) deferred.fromArgv(['app', `accountdesk://h/${i}`], 'argv')
    const { calls, sink } = recordingSink()
    deferred.attach(sink)
    expect(calls[0]).toBe('argv argv app accountdesk://h/0')
    expect(MAX_DEFERRED_LINKS).toBe(16)
  })

  it('passes a command line straight through once attached, keeping nothing', () => {
    const deferred = createDeferredIntake('accountdesk')
    const { calls, sink } = recordingSink()
    deferred.attach(sink)
    deferred.fromArgv(['app', 'accountdesk://h/x'], 'second-instance')
    expect(calls).toEqual(['argv second-instance app accountdesk://h/x'])
    expect(deferred.pending()).toBe(0)
  })
})
