import { describe, expect, it } from 'vitest'
import {
  parseResetLink,
  refusalMessage,
  tokenIssuedAt,
  type LinkRefusalReason,
  type LinkServer,
} from '../../src/main/links/parse-reset-link'
import { appMessageSchema, type AppMessage } from '../../src/shared/messages'
import { TOKEN } from './links-fixtures'

// The parser's edges that the main parse tests do not reach: what each refusal tells the person, the token's
// plausible-date window, default ports per scheme, and profiles whose confirm pattern cannot be used.
const reason = (input: unknown, servers: readonly LinkServer[], scheme = 'accountdesk') => {
  const r = parseResetLink(input, { scheme, servers })
  return r.ok ? `accepted:${r.serverId}` : r.reason
}
const server = (id: string, baseUrl: string, confirmPath = 'reset/{uid}/{token}'): LinkServer => ({
  id,
  baseUrl,
  confirmPath,
})

const REASONS: [LinkRefusalReason, AppMessage][] = [
  ['not-a-url', { code: 'link.refused.not-a-url' }],
  ['too-long', { code: 'link.refused.too-long', max: 2048 }],
  ['unsupported-scheme', { code: 'link.refused.unsupported-scheme' }],
  ['insecure-scheme', { code: 'link.refused.insecure-scheme' }],
  ['no-host', { code: 'link.refused.no-host' }],
  ['has-credentials', { code: 'link.refused.has-credentials' }],
  ['has-query-or-fragment', { code: 'link.refused.has-query-or-fragment' }],
  ['encoded-characters', { code: 'link.refused.encoded-characters' }],
  ['bad-characters', { code: 'link.refused.bad-characters' }],
  ['unknown-server', { code: 'link.refused.unknown-server' }],
  ['wrong-path', { code: 'link.refused.wrong-path' }],
  ['malformed-uid', { code: 'link.refused.malformed-uid' }],
  ['malformed-token', { code: 'link.refused.malformed-token' }],
]

describe('refusal messages', () => {
  it.each(REASONS)('tells the person what is wrong with a %s link', (r, message) => {
    expect(refusalMessage(r)).toEqual(message)
    expect(appMessageSchema.parse(message)).toEqual(message)
  })

  it('gives every reason its own sentence', () => {
    const messages = REASONS.map(([r]) => refusalMessage(r))
    expect(new Set(messages.map((m) => m.code)).size).toBe(REASONS.length)
    for (const m of messages) expect(m.code).toMatch(/^link\.refused\./)
  })

  it('names the app scheme only when it is a valid scheme name', () => {
    expect(refusalMessage('unsupported-scheme', 'accountdesk')).toEqual({
      code: 'link.refused.unsupported-scheme',
      scheme: 'accountdesk',
    })
    expect(refusalMessage('unsupported-scheme', 'Bad Scheme')).toEqual({
      code: 'link.refused.unsupported-scheme',
    })
    expect(refusalMessage('unsupported-scheme')).toEqual({ code: 'link.refused.unsupported-scheme' })
  })

  it('treats a one-letter scheme as a scheme it does not open, not as something that is no link at all', () => {
    expect(reason(`a://accounts.example.com/reset/MQ/${TOKEN}`, [])).toBe('unsupported-scheme')
  })

  it('does not take links in a configured scheme that is not a safe scheme name', () => {
    const s = [server('acme', 'https://accounts.example.com')]
    expect(reason(`file://accounts.example.com/reset/MQ/${TOKEN}`, s, 'file')).toBe('unsupported-scheme')
  })
})

describe('token issue time window', () => {
  const seconds = (iso: string) => ((Date.parse(iso) - Date.UTC(2001, 0, 1)) / 1000).toString(36)
  const HEX = 'a'.repeat(32)

  it('takes 2010-01-01 and later, up to the last second of 2099', () => {
    expect(tokenIssuedAt(`${seconds('2010-01-01T00:00:00Z')}-${HEX}`)).toEqual(
      new Date('2010-01-01T00:00:00Z'),
    )
    expect(tokenIssuedAt(`${seconds('2009-12-31T23:59:59Z')}-${HEX}`)).toBeNull()
    expect(tokenIssuedAt(`${seconds('2099-12-31T23:59:59Z')}-${HEX}`)).toEqual(
      new Date('2099-12-31T23:59:59Z'),
    )
    expect(tokenIssuedAt(`${seconds('2100-01-01T00:00:00Z')}-${HEX}`)).toBeNull()
  })

  it('reads no time from a token without a timestamp part before its dash', () => {
    const ts = seconds('2026-11-30T11:15:23Z')
    expect(tokenIssuedAt(`${ts}${HEX}`)).toBeNull() // no dash at all
    expect(tokenIssuedAt(`-${ts}-${HEX}`)).toBeNull()
    expect(tokenIssuedAt(`${ts}_-${HEX}`)).toBeNull()
    expect(tokenIssuedAt(` ${ts}-${HEX}`)).toBeNull()
  })
})

describe('default ports per scheme', () => {
  const local = [server('local', 'http://127.0.0.1')]
  const localTls = [server('tls', 'https://127.0.0.1')]

  it('takes a plain http link for a loopback server on port 80, and not an https one', () => {
    expect(reason(`http://127.0.0.1/reset/MQ/${TOKEN}`, local)).toBe('accepted:local')
    expect(reason(`https://127.0.0.1/reset/MQ/${TOKEN}`, local)).toBe('unknown-server')
  })

  it('takes an https link for a loopback https server, and not a plain http one (port 80 is not 443)', () => {
    expect(reason(`https://127.0.0.1/reset/MQ/${TOKEN}`, localTls)).toBe('accepted:tls')
    expect(reason(`http://127.0.0.1/reset/MQ/${TOKEN}`, localTls)).toBe('unknown-server')
  })

  it('takes the highest port there is', () => {
    const s = [server('top', 'https://h.example:65535')]
    expect(reason(`accountdesk://h.example:65535/reset/MQ/${TOKEN}`, s)).toBe('accepted:top')
    expect(reason(`accountdesk://h.example:65536/reset/MQ/${TOKEN}`, s)).toBe('unknown-server')
  })

  it('knows no server at an IPv6 address that is not one', () => {
    expect(reason(`https://[1:2]/reset/MQ/${TOKEN}`, [server('v6', 'http://[::1]')])).toBe('unknown-server')
  })
})

describe('confirm patterns a profile may have', () => {
  it.each([
    ['without {uid}', 'reset/{token}'],
    ['without {token}', 'reset/{uid}/'],
    ['with {uid} twice', 'reset/{uid}/{uid}/{token}'],
    ['with {token} twice', 'reset/{uid}/{token}/{token}'],
  ])('skips a server whose pattern is %s', (_what, pattern) => {
    const s = [server('only', 'https://h.example', pattern)]
    for (const path of [
      'reset/MQ',
      'reset/MQ/',
      `reset/${TOKEN}`,
      `reset/MQ/${TOKEN}`,
      `reset/MQ/MQ/${TOKEN}`,
    ])
      expect(reason(`https://h.example/${path}`, s)).toBe('unknown-server')
    expect(reason(`https://h.example/reset/MQ/${TOKEN}/${TOKEN}`, s)).toBe('unknown-server')
  })

  it('reads a pattern with leading slashes as relative to the base path', () => {
    const s = [server('x', 'https://h.example/app', '//reset/{uid}/{token}')]
    expect(reason(`https://h.example/app/reset/MQ/${TOKEN}`, s)).toBe('accepted:x')
  })
})
