import { describe, expect, it } from 'vitest'
import type { LinkEvent } from '../../src/shared/contract'
import { createLinkQueue } from '../../src/main/links/queue'

const ev = (n: number): LinkEvent => ({
  type: 'link',
  link: { handle: String(n).padStart(32, '0'), serverId: 'acme', serverName: 'ACME', issuedAt: null },
})
const names = (events: LinkEvent[]) =>
  events.map((e) => (e.type === 'link' ? Number(e.link.handle) : e.message.code))

describe('link queue', () => {
  it('holds a cold-start link until the renderer is ready, then delivers it once', () => {
    const got: LinkEvent[] = []
    const q = createLinkQueue({ deliver: (e) => got.push(e) })
    q.push(ev(1))
    expect(got).toEqual([])
    expect(q.pending()).toBe(1)
    q.markReady()
    expect(names(got)).toEqual([1])
    q.markReady()
    expect(names(got)).toEqual([1])
    expect(q.pending()).toBe(0)
  })

  it('delivers two links in a row in order, before and after ready', () => {
    const got: LinkEvent[] = []
    const q = createLinkQueue({ deliver: (e) => got.push(e) })
    q.push(ev(1))
    q.push({ type: 'refused', message: { code: 'link.refused.not-a-url' } })
    q.markReady()
    q.push(ev(3))
    q.push(ev(4))
    expect(names(got)).toEqual([1, 'link.refused.not-a-url', 3, 4])
  })

  it('holds links during a reload and delivers them when the renderer is ready again', () => {
    const got: LinkEvent[] = []
    const q = createLinkQueue({ deliver: (e) => got.push(e) })
    q.markReady()
    q.push(ev(1))
    q.markNotReady()
    expect(q.isReady()).toBe(false)
    q.push(ev(2))
    expect(names(got)).toEqual([1])
    q.markReady()
    expect(names(got)).toEqual([1, 2])
  })

  it('keeps an event whose delivery failed and waits for the next ready', () => {
    const got: LinkEvent[] = []
    let broken = true
    const q = createLinkQueue({
      deliver: (e) => {
        if (broken) throw new Error('window gone')
        got.push(e)
      },
    })
    q.markReady()
    q.push(ev(1))
    q.push(ev(2))
    expect(q.isReady()).toBe(false)
    expect(q.pending()).toBe(2)
    broken = false
    q.markReady()
    expect(names(got)).toEqual([1, 2])
  })

  it('delivers in order when a delivery pushes another event', () => {
    const got: LinkEvent[] = []
    const q = createLinkQueue({
      deliver: (e) => {
        got.push(e)
        if (e.type === 'link' && e.link.handle.endsWith('1')) q.push(ev(3))
      },
    })
    q.push(ev(1))
    q.push(ev(2))
    q.markReady()
    expect(names(got)).toEqual([1, 2, 3])
  })

  it('drops the oldest when too many wait, and says which', () => {
    const dropped: LinkEvent[] = []
    const got: LinkEvent[] = []
    const q = createLinkQueue({ deliver: (e) => got.push(e), onDrop: (e) => dropped.push(e), maxPending: 3 })
    for (let i = 1; i <= 5; i++) q.push(ev(i))
    expect(names(dropped)).toEqual([1, 2])
    q.markReady()
    expect(names(got)).toEqual([3, 4, 5])
  })
})
