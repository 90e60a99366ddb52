import { describe, expect, it } from 'vitest'
import { createDeferredIntake } from '../../src/main/links/deferred-intake'
import { createLinkHandles } from '../../src/main/links/handles'
import { createLinkIntake } from '../../src/main/links/intake'

const SEVERAL_LINKS_MESSAGE = { code: 'link.several' }
import { createLinkQueue } from '../../src/main/links/queue'
import { refusalMessage } from '../../src/main/links/parse-reset-link'
import { linkEventSchema, linkHandleSchema, type LinkEvent } from '../../src/shared/contract'
import { servers, TOKEN } from './links-fixtures'
import { linkPipeline, recordingLogger } from './links-harness'

const LINK = `accountdesk://accounts.example.com/reset/MQ/${TOKEN}`

describe('link intake', () => {
  it('turns a good link into a handle event the contract accepts, and keeps the token in main', () => {
    const p = linkPipeline({
      accountHintFor: (serverId, uid) => (serverId === 'acme' && uid === 'MQ' ? 'alice' : undefined),
    })
    const event = p.intake.fromUrl(LINK, 'open-url')
    expect(linkEventSchema.parse(event)).toEqual(event)
    expect(event).toEqual({
      type: 'link',
      link: {
        handle: expect.stringMatching(/^[0-9a-f]{32}$/),
        serverId: 'acme',
        serverName: 'ACME accounts',
        issuedAt: '2026-11-30T11:15:23.000Z',
        accountHint: 'alice',
      },
    })
    expect(JSON.stringify(event)).not.toContain(TOKEN)
    expect(JSON.stringify(event)).not.toContain('/MQ/')
    if (event.type !== 'link') throw new Error('not a link')
    expect(p.handles.take(event.link.handle)).toMatchObject({ serverId: 'acme', uid: 'MQ', token: TOKEN })
    expect(p.queue.pending()).toBe(1)
  })

  it('queues a refusal with the parser message for a bad link, and registers nothing', () => {
    const p = linkPipeline()
    const event = p.intake.fromUrl(`accountdesk://evil.test/reset/MQ/${TOKEN}`, 'second-instance')
    expect(event).toEqual({ type: 'refused', message: refusalMessage('unknown-server') })
    expect(linkEventSchema.safeParse(event).success).toBe(true)
    expect(p.handles.size()).toBe(0)
    expect(p.logLines).toEqual([
      JSON.stringify({
        level: 'warn',
        event: 'reset link refused',
        fields: { source: 'second-instance', outcome: 'unknown-server' },
      }),
    ])
  })

  it('leaves out an account hint it does not have, or whose lookup fails', () => {
    const p = linkPipeline({
      accountHintFor: () => {
        throw new Error('accounts not loaded')
      },
    })
    const r = p.intake.register(LINK, 'pasted')
    if (!r.ok) throw new Error('refused')
    expect('accountHint' in r.value).toBe(false)
    expect(linkHandleSchema.parse(r.value)).toEqual(r.value)
    const none = linkPipeline({ accountHintFor: () => undefined }).intake.register(LINK, 'pasted')
    expect(none.ok && 'accountHint' in none.value).toBe(false)
  })

  it('register answers directly (a pasted link) without queueing', () => {
    const p = linkPipeline()
    const good = p.intake.register(`  ${LINK}\n`, 'pasted')
    expect(good.ok).toBe(true)
    const bad = p.intake.register(`${LINK}?utm=1`, 'pasted')
    expect(bad).toEqual({
      ok: false,
      error: { kind: 'link-invalid', reason: 'refused', message: refusalMessage('has-query-or-fragment') },
    })
    expect(p.queue.pending()).toBe(0)
    p.queue.markReady()
    expect(p.delivered).toEqual([])
  })

  it('reads a command line: one link is taken, none is nothing, several are refused', () => {
    const p = linkPipeline()
    expect(p.intake.fromArgv(['app', '--inspect'], 'argv')).toBeNull()
    expect(p.queue.pending()).toBe(0)
    expect(p.intake.fromArgv(['app', '--', LINK], 'argv')?.type).toBe('link')
    expect(p.intake.fromArgv(['app', LINK, LINK.replace('MQ', 'Mg')], 'second-instance')).toEqual({
      type: 'refused',
      message: SEVERAL_LINKS_MESSAGE,
    })
    expect(p.handles.size()).toBe(1)
    p.queue.markReady()
    expect(p.delivered.map((e) => e.type)).toEqual(['link', 'refused'])
  })

  it('refuses with a generic message, and logs, when something inside fails', () => {
    const rec = recordingLogger()
    const delivered: LinkEvent[] = []
    const queue = createLinkQueue({ deliver: (e) => delivered.push(e) })
    const intake = createLinkIntake({
      scheme: 'accountdesk',
      servers: () => {
        throw new Error('registry broken')
      },
      handles: createLinkHandles({ now: () => 0 }),
      queue,
      logger: rec.logger,
    })
    const event = intake.fromUrl(LINK, 'open-url')
    expect(event.type).toBe('refused')
    expect(rec.lines[0]).toContain('internal-error')
    const throwingLogger = { debug: boom, info: boom, warn: boom, error: boom }
    function boom(): never {
      throw new Error('disk full')
    }
    const quiet = createLinkIntake({
      scheme: 'accountdesk',
      servers: () => servers,
      handles: createLinkHandles({ now: () => 0 }),
      queue,
      logger: throwingLogger,
    })
    expect(quiet.fromUrl(LINK, 'open-url').type).toBe('link')
  })

  it('reads the server list once per link, so the name matches the server it parsed against', () => {
    let calls = 0
    const intake = createLinkIntake({
      scheme: 'accountdesk',
      servers: () => (calls++ === 0 ? servers : []),
      handles: createLinkHandles({ now: () => 0 }),
      queue: createLinkQueue({ deliver: () => {} }),
      logger: recordingLogger().logger,
    })
    const r = intake.register(LINK, 'pasted')
    expect(r.ok && r.value.serverName).toBe('ACME accounts') // one snapshot of the list per link
  })
})

describe('deferred intake', () => {
  it('holds links that arrive before the services exist and hands them over in order', () => {
    const deferred = createDeferredIntake('accountdesk')
    deferred.fromUrl(LINK, 'open-url')
    deferred.fromArgv(['app', '--', LINK.replace('MQ', 'Mg')], 'argv')
    deferred.fromArgv(['app'], 'argv')
    expect(deferred.pending()).toBe(3)
    const p = linkPipeline()
    deferred.attach(p.intake)
    expect(deferred.pending()).toBe(0)
    p.queue.markReady()
    expect(p.delivered).toHaveLength(2)
    deferred.fromUrl(LINK, 'open-url')
    expect(p.delivered).toHaveLength(3)
  })

  it('refuses to attach an intake for another scheme', () => {
    expect(() =>
      createDeferredIntake('accountdesk').attach(linkPipeline({ scheme: 'accountdesk-dev' }).intake),
    ).toThrow(/scheme/)
  })
})
