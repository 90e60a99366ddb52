import { describe, expect, it } from 'vitest'
import { createLinkHandles } from '../../src/main/links/handles'
import { createLinkIntake } from '../../src/main/links/intake'
import { createLinkQueue } from '../../src/main/links/queue'
import { TOKEN } from './links-fixtures'
import { linkPipeline, recordingLogger } from './links-harness'

const SEVERAL_LINKS_MESSAGE = { code: 'link.several' }

// What the intake tells the log and the person for each outcome, and how it treats the account hint.
const LINK = `accountdesk://accounts.example.com/reset/MQ/${TOKEN}`
const line = (level: string, event: string, source: string, outcome: string) =>
  JSON.stringify({ level, event, fields: { source, outcome } })

describe('link intake notes', () => {
  it('logs an accepted link at info level with its source and outcome only', () => {
    const p = linkPipeline()
    p.intake.fromUrl(LINK, 'open-url')
    expect(p.logLines).toEqual([line('info', 'reset link received', 'open-url', 'accepted')])
  })

  it('logs a command line with several links as a refusal, and tells the person why', () => {
    const p = linkPipeline()
    const event = p.intake.fromArgv(['app', LINK, LINK.replace('MQ', 'Mg')], 'second-instance')
    expect(p.logLines).toEqual([line('warn', 'reset link refused', 'second-instance', 'several-links')])
    expect(event).toEqual({ type: 'refused', message: SEVERAL_LINKS_MESSAGE })
  })

  it('logs an internal failure as an error and gives the person a plain way out', () => {
    const rec = recordingLogger()
    const intake = createLinkIntake({
      scheme: 'accountdesk',
      servers: () => {
        throw new Error('registry broken')
      },
      handles: createLinkHandles({ now: () => 0 }),
      queue: createLinkQueue({ deliver: () => {} }),
      logger: rec.logger,
    })
    expect(intake.register(LINK, 'demo-mail')).toEqual({
      ok: false,
      error: {
        kind: 'link-invalid',
        reason: 'refused',
        message: { code: 'link.internal' },
      },
    })
    expect(rec.lines).toEqual([
      line('error', 'reset link could not be handled', 'demo-mail', 'internal-error'),
    ])
  })

  it.each([
    ['an empty name', ''],
    ['a number', 42],
    ['an object', { name: 'alice' }],
  ])('leaves out an account hint that is %s', (_what, hint) => {
    const p = linkPipeline({ accountHintFor: () => hint as string })
    const r = p.intake.register(LINK, 'pasted')
    if (!r.ok) throw new Error('refused')
    expect('accountHint' in r.value).toBe(false)
  })

  it('cuts an over-long account hint to what an e-mail address can be (254 characters)', () => {
    const p = linkPipeline({ accountHintFor: () => `${'a'.repeat(250)}@example.com` })
    const r = p.intake.register(LINK, 'pasted')
    if (!r.ok) throw new Error('refused')
    expect(r.value.accountHint).toBe(`${'a'.repeat(250)}@exa`)
  })
})
