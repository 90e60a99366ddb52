import { describe, expect, it } from 'vitest'
import { createLinkHandles, DEFAULT_HANDLE_TTL_MS, MAX_LIVE_HANDLES } from '../../src/main/links/handles'
import type { ParsedResetLink } from '../../src/main/links/parse-reset-link'
import { TOKEN } from './links-fixtures'

const link = (n = 1): ParsedResetLink => ({
  ok: true,
  serverId: n % 2 ? 'acme' : 'forms',
  uid: `U${n}`,
  token: TOKEN,
  issuedAt: new Date('2026-11-30T11:15:23Z'),
})
const clock = () => {
  let t = 1_000_000
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

describe('link handles', () => {
  it('gives a random 32-hex handle that carries no part of the link', () => {
    const handles = createLinkHandles({ now: () => 0 })
    const a = handles.add(link())
    const b = handles.add(link())
    expect(a.handle).toMatch(/^[0-9a-f]{32}$/)
    expect(b.handle).not.toBe(a.handle)
    expect(a).toEqual({ handle: a.handle, serverId: 'acme', issuedAt: new Date('2026-11-30T11:15:23Z') })
    expect(JSON.stringify(a)).not.toContain(TOKEN)
    expect(JSON.stringify(a)).not.toContain('U1')
  })

  it('is single use: take returns the secret once and forgets it', () => {
    const handles = createLinkHandles({ now: () => 0 })
    const { handle } = handles.add(link())
    expect(handles.take(handle)).toEqual({
      serverId: 'acme',
      uid: 'U1',
      token: TOKEN,
      issuedAt: link().issuedAt,
    })
    expect(handles.take(handle)).toBeNull()
    expect(handles.peek(handle)).toBeNull()
    expect(handles.size()).toBe(0)
  })

  it('peek does not use the handle up', () => {
    const handles = createLinkHandles({ now: () => 0 })
    const { handle } = handles.add(link())
    expect(handles.peek(handle)?.token).toBe(TOKEN)
    expect(handles.peek(handle)?.token).toBe(TOKEN)
    expect(handles.take(handle)?.token).toBe(TOKEN)
  })

  it('expires after the time to live (30 minutes by default), and not before', () => {
    const c = clock()
    const handles = createLinkHandles({ now: c.now })
    const { handle } = handles.add(link())
    c.advance(DEFAULT_HANDLE_TTL_MS - 1)
    expect(handles.peek(handle)).not.toBeNull()
    c.advance(1)
    expect(handles.peek(handle)).toBeNull()
    expect(handles.take(handle)).toBeNull()
    expect(handles.size()).toBe(0)

    const short = createLinkHandles({ now: c.now, ttlMs: 1000 })
    const h = short.add(link()).handle
    c.advance(1000)
    expect(short.take(h)).toBeNull()
  })

  it('knows nothing of unknown, malformed or non-string handles', () => {
    const handles = createLinkHandles({ now: () => 0 })
    handles.add(link())
    for (const h of [
      '',
      'x',
      '0'.repeat(32),
      'A'.repeat(32),
      null,
      undefined,
      42,
      {},
      '__proto__',
      'constructor',
    ])
      expect(handles.take(h)).toBeNull()
    expect(handles.discard('0'.repeat(32))).toBe(false)
    expect(handles.size()).toBe(1)
  })

  it('discards one handle, or every handle of a removed server', () => {
    const handles = createLinkHandles({ now: () => 0 })
    const a = handles.add(link(1))
    const b = handles.add(link(2))
    const c = handles.add(link(3))
    expect(handles.discard(a.handle)).toBe(true)
    expect(handles.discard(a.handle)).toBe(false)
    expect(handles.discardServer('acme')).toBe(1)
    expect(handles.peek(c.handle)).toBeNull()
    expect(handles.peek(b.handle)?.serverId).toBe('forms')
    handles.clear()
    expect(handles.size()).toBe(0)
  })

  it('uses the given id source, falls back to crypto for a bad or repeated id', () => {
    const ids = ['a'.repeat(32), 'a'.repeat(32), 'not hex']
    const handles = createLinkHandles({ now: () => 0, randomId: () => ids.shift() ?? 'b'.repeat(32) })
    expect(handles.add(link()).handle).toBe('a'.repeat(32))
    const second = handles.add(link()).handle
    expect(second).toMatch(/^[0-9a-f]{32}$/)
    expect(second).not.toBe('a'.repeat(32))
    expect(handles.add(link()).handle).toMatch(/^[0-9a-f]{32}$/)
  })

  it('keeps at most a bounded number of live handles, forgetting the oldest', () => {
    const handles = createLinkHandles({ now: () => 0 })
    const first = handles.add(link()).handle
    for (let i = 0; i < MAX_LIVE_HANDLES; i++) handles.add(link())
    expect(handles.size()).toBe(MAX_LIVE_HANDLES)
    expect(handles.peek(first)).toBeNull()
  })
})
