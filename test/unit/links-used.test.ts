import { describe, expect, it } from 'vitest'
import { createLinkHandles } from '../../src/main/links/handles'
import { createLinkIntake } from '../../src/main/links/intake'
import { createLinkQueue } from '../../src/main/links/queue'
import { createUsedLinks, MAX_USED_LINKS } from '../../src/main/links/used-links'
import { linkHandleSchema } from '../../src/shared/contract'
import { servers, TOKEN } from './links-fixtures'
import { recordingLogger } from './links-harness'

const LINK = `accountdesk://accounts.example.com/reset/MQ/${TOKEN}`
const USED_AT = new Date('2026-11-30T12:05:00.000Z')

function intakeWith(usedLinks: ReturnType<typeof createUsedLinks>) {
  const handles = createLinkHandles({ now: () => USED_AT.getTime() })
  const queue = createLinkQueue({ deliver: () => {}, onDrop: () => {} })
  return createLinkIntake({
    scheme: 'accountdesk',
    servers: () => servers,
    handles,
    queue,
    logger: recordingLogger().logger,
    usedLinks,
  })
}

describe('links used here', () => {
  it('knows a link that set a password here, and no other', () => {
    const used = createUsedLinks({ now: () => USED_AT })
    used.remember({ serverId: 'acme', uid: 'MQ', token: TOKEN })
    expect(used.usedAt({ serverId: 'acme', uid: 'MQ', token: TOKEN })).toEqual(USED_AT)
    expect(used.usedAt({ serverId: 'acme', uid: 'MQ', token: `${TOKEN.slice(0, -1)}0` })).toBeNull()
    expect(used.usedAt({ serverId: 'acme', uid: 'Mg', token: TOKEN })).toBeNull()
    expect(used.usedAt({ serverId: 'other', uid: 'MQ', token: TOKEN })).toBeNull()
  })

  it('keeps only digests: nothing it holds contains the token or the uid', () => {
    const used = createUsedLinks({ now: () => USED_AT })
    used.remember({ serverId: 'acme', uid: 'MQ', token: TOKEN })
    // The closure's Map is reachable through a heap snapshot only; its keys are what `remember` computed.
    const seen: string[] = []
    const set = Map.prototype.set
    Map.prototype.set = function (this: Map<unknown, unknown>, key: unknown, value: unknown) {
      seen.push(String(key))
      return set.call(this, key, value)
    }
    try {
      used.remember({ serverId: 'acme', uid: 'MQ', token: TOKEN })
    } finally {
      Map.prototype.set = set
    }
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatch(/^[0-9a-f]{64}$/)
    expect(seen[0]).not.toContain(TOKEN)
  })

  it('forgets the oldest beyond its limit', () => {
    const used = createUsedLinks({ now: () => USED_AT })
    const link = (n: number) => ({ serverId: 'acme', uid: 'MQ', token: `${TOKEN}${n}` })
    for (let n = 0; n <= MAX_USED_LINKS; n++) used.remember(link(n))
    expect(used.usedAt(link(0))).toBeNull()
    expect(used.usedAt(link(1))).toEqual(USED_AT)
    expect(used.usedAt(link(MAX_USED_LINKS))).toEqual(USED_AT)
  })

  it('tells the renderer when an incoming link was used here, as a date and never the token', () => {
    const used = createUsedLinks({ now: () => USED_AT })
    const intake = intakeWith(used)
    const before = intake.register(LINK, 'pasted')
    expect(before.ok && 'usedHereAt' in before.value).toBe(false)

    used.remember({ serverId: 'acme', uid: 'MQ', token: TOKEN })
    const after = intake.register(LINK, 'open-url')
    if (!after.ok) throw new Error('refused')
    expect(after.value.usedHereAt).toBe(USED_AT.toISOString())
    expect(linkHandleSchema.parse(after.value)).toEqual(after.value)
    expect(JSON.stringify(after.value)).not.toContain(TOKEN)
  })
})
