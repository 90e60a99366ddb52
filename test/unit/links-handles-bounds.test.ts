import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLinkHandles } from '../../src/main/links/handles'
import type { ParsedResetLink } from '../../src/main/links/parse-reset-link'
import { TOKEN } from './links-fixtures'

// The random source is pinned here so that a handle collision, which real randomness never produces, can be
// forced: the handle store must then refuse rather than hand out one handle for two links.
const bytes = vi.hoisted(() => ({ fill: -1 }))
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>()
  return {
    ...real,
    randomBytes: (n: number) => (bytes.fill < 0 ? real.randomBytes(n) : Buffer.alloc(n, bytes.fill)),
  }
})
afterEach(() => {
  bytes.fill = -1
})

const link = (uid = 'MQ'): ParsedResetLink => ({
  ok: true,
  serverId: 'acme',
  uid,
  token: TOKEN,
  issuedAt: null,
})
const HEX32 = /^[0-9a-f]{32}$/

describe('link handle bounds', () => {
  it('lives exactly 30 minutes by default', () => {
    let t = 5_000
    const handles = createLinkHandles({ now: () => t })
    const { handle } = handles.add(link())
    t += 30 * 60 * 1000 - 1
    expect(handles.peek(handle)?.uid).toBe('MQ')
    t += 1
    expect(handles.peek(handle)).toBeNull()
  })

  it('says an expired handle was not there to discard', () => {
    let t = 0
    const handles = createLinkHandles({ now: () => t, ttlMs: 1_000 })
    const { handle } = handles.add(link())
    t = 1_000
    expect(handles.discard(handle)).toBe(false)
    expect(handles.discard(handle.toUpperCase())).toBe(false)
  })

  it.each([
    ['a prefix', `x${'a'.repeat(32)}`],
    ['a suffix', `${'a'.repeat(32)}x`],
    ['upper case', 'A'.repeat(32)],
  ])('replaces a supplied handle id with %s by a random one', (_what, id) => {
    const handles = createLinkHandles({ now: () => 0, randomId: () => id })
    const { handle } = handles.add(link())
    expect(handle).toMatch(HEX32)
    expect(handles.peek(handle)?.uid).toBe('MQ')
    expect(handles.peek(id)).toBeNull()
  })

  it('refuses to register a link when every new handle collides with a live one', () => {
    bytes.fill = 0xab
    const handles = createLinkHandles({ now: () => 0 })
    const first = handles.add(link('MQ'))
    expect(first.handle).toBe('ab'.repeat(16))
    expect(() => handles.add(link('Mg'))).toThrow('Could not make a link handle.')
    expect(handles.take(first.handle)?.uid).toBe('MQ')
    expect(handles.size()).toBe(0)
  })

  it('draws a fresh random handle when the supplied one is already in use', () => {
    const handles = createLinkHandles({ now: () => 0, randomId: () => 'c'.repeat(32) })
    const a = handles.add(link('MQ'))
    const b = handles.add(link('Mg'))
    expect(b.handle).not.toBe(a.handle)
    expect(handles.peek(a.handle)?.uid).toBe('MQ')
    expect(handles.peek(b.handle)?.uid).toBe('Mg')
  })
})
