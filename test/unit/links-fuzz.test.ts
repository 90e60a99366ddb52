/**
 * Property fuzz of the reset-link parser: well over 100,000 generated, mutated and random inputs per run.
 * Each is checked against an independent oracle (built from the server list by string comparison, not by the
 * parser's own regexes), so the parser must accept exactly the links that are valid and refuse the rest,
 * never throw, and never put anything from the input in its message.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  MAX_LINK_LENGTH,
  parseResetLink,
  refusalMessage,
  type LinkRefusalReason,
} from '../../src/main/links/parse-reset-link'
import { isLoopbackHost } from '../../src/shared/profile'
import { fuzzRuns, fuzzSeed } from '../helpers/fuzz-seed'
import { ctx, scheme, servers } from './links-fixtures'

const REASONS: LinkRefusalReason[] = [
  'not-a-url',
  'too-long',
  'unsupported-scheme',
  'insecure-scheme',
  'no-host',
  'has-credentials',
  'has-query-or-fragment',
  'encoded-characters',
  'bad-characters',
  'unknown-server',
  'wrong-path',
  'malformed-uid',
  'malformed-token',
]
const MESSAGES = new Set(REASONS.map((r) => JSON.stringify(refusalMessage(r, scheme))))

const UID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
const B36 = '0123456789abcdefghijklmnopqrstuvwxyz'
const HEX = '0123456789abcdef'
const isUid = (s: string) => s.length >= 1 && s.length <= 64 && [...s].every((c) => UID_CHARS.includes(c))
const isToken = (s: string) => {
  const dash = s.indexOf('-')
  if (dash < 1 || dash > 13) return false
  const ts = s.slice(0, dash)
  const hash = s.slice(dash + 1)
  return (
    [...ts].every((c) => B36.includes(c)) &&
    hash.length >= 20 &&
    hash.length <= 64 &&
    [...hash].every((c) => HEX.includes(c))
  )
}

/** Everything about a server the oracle needs, derived from its profile. */
const targets = servers.map((s) => {
  const url = new URL(s.baseUrl)
  const defaultPort = url.protocol === 'https:' ? '443' : '80'
  const port = url.port || defaultPort
  const host = url.hostname
  const withPort = `${host}:${port}`
  const authorities = (scheme: string) => {
    if (scheme === 'https') return port === '443' ? [host, withPort] : [withPort]
    if (scheme === 'http') return port === '80' ? [host, withPort] : [withPort]
    return url.port === '' ? [host, withPort] : [withPort]
  }
  const base = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`
  return {
    server: s,
    host,
    authorities,
    base,
    pattern: s.confirmPath.split('/'),
    loopback: isLoopbackHost(host),
  }
})

/** Names compare as written (lowercased); an IPv6 literal compares by address. */
const canonicalHost = (h: string) => {
  if (!h.startsWith('[')) return h
  if (!/^\[[0-9a-f:.]+\]$/.test(h)) return null
  try {
    return new URL(`http://${h}/`).hostname
  } catch {
    return null
  }
}

/** The trim rule of docs/reset-links.md, spelled out code point by code point. */
const UNICODE_SPACES = [
  0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x200b, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
]
const isEdge = (c: number) => c <= 0x20 || (c >= 0x7f && c <= 0x9f) || UNICODE_SPACES.includes(c)

/** The independent judge: which server, uid and token a string is a valid link for, or null. */
function oracle(input: string): { serverId: string; uid: string; token: string } | null {
  if (input.length > MAX_LINK_LENGTH) return null
  let s = input
  while (s.length > 0 && isEdge(s.charCodeAt(0))) s = s.slice(1)
  while (s.length > 0 && isEdge(s.charCodeAt(s.length - 1))) s = s.slice(0, -1)
  const sep = s.indexOf('://')
  if (sep < 0) return null
  const linkScheme = s.slice(0, sep).toLowerCase()
  if (![scheme, 'https', 'http'].includes(linkScheme)) return null
  const afterScheme = s.slice(sep + 3)
  // The spec's character rule: unreserved characters and the delimiters a plain link needs, nothing else
  // (no query, fragment, percent-encoding, backslash, whitespace, quotes or non-ASCII).
  if (!/^[A-Za-z0-9._~:/@[\]=-]*$/.test(afterScheme)) return null
  const slash = afterScheme.indexOf('/')
  if (slash < 0) return null
  const authority = afterScheme.slice(0, slash).toLowerCase()
  const path = afterScheme.slice(slash)
  const colon = authority.lastIndexOf(':')
  const hasPort = colon > authority.lastIndexOf(']')
  const hostPart = hasPort ? authority.slice(0, colon) : authority
  const host = canonicalHost(hostPart)
  if (host === null) return null
  const normalisedAuthority = hasPort ? `${host}${authority.slice(colon)}` : host
  for (const t of targets) {
    if (linkScheme === 'http' && !t.loopback) continue
    if (!t.authorities(linkScheme).includes(normalisedAuthority)) continue
    if (!path.startsWith(t.base)) continue
    const segments = path.slice(t.base.length).split('/')
    if (segments.length !== t.pattern.length) continue
    let uid: string | null = null
    let token: string | null = null
    let fits = true
    t.pattern.forEach((p, i) => {
      const seg = segments[i] as string
      if (p === '{uid}') uid = seg
      else if (p === '{token}') token = seg
      else if (p === '{uid}-{token}') {
        // allauth's key: the uid is everything before the first dash.
        const dash = seg.indexOf('-')
        if (dash < 0) fits = false
        else {
          uid = seg.slice(0, dash)
          token = seg.slice(dash + 1)
        }
      } else if (p !== seg) fits = false
    })
    if (!fits || uid === null || token === null || !isUid(uid) || !isToken(token)) continue
    return { serverId: t.server.id, uid, token }
  }
  return null
}

const chars = (alphabet: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength })
const uidArb = chars(UID_CHARS, 1, 64)
/** allauth's uid: base36 (or a UUID's hex), never a dash. */
const allauthUidArb = chars(UID_CHARS.replace('-', ''), 1, 64)
const tokenArb = fc.tuple(chars(B36, 1, 13), chars(HEX, 20, 64)).map(([a, b]) => `${a}-${b}`)
const randomCase = (s: string) =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((flips) => [...s].map((c, i) => (flips[i] ? c.toUpperCase() : c)).join(''))

/** A valid link for one of the servers, in any of its accepted spellings. */
const validLink = fc
  .record({
    target: fc.constantFrom(...targets),
    linkScheme: fc.constantFrom(scheme, 'https', 'http'),
    uid: uidArb,
    allauthUid: allauthUidArb,
    token: tokenArb,
    authorityChoice: fc.nat(),
    pad: fc.constantFrom('', ' ', '\n', '\t ', '\r\n'),
  })
  .chain(({ target, linkScheme, uid: anyUid, allauthUid, token, authorityChoice, pad }) => {
    const uid = target.pattern.includes('{uid}-{token}') ? allauthUid : anyUid
    const sch = linkScheme === 'http' && !target.loopback ? 'https' : linkScheme
    const options = target.authorities(sch)
    const authority = options[authorityChoice % options.length] as string
    const path = target.pattern.map((p) => p.replace('{uid}', uid).replace('{token}', token)).join('/')
    return fc
      .tuple(randomCase(sch), randomCase(authority))
      .map(([s, a]) => `${s}://${a}${target.base}${path}${pad}`)
  })

const SNIPPETS = [
  '/',
  '//',
  '.',
  '..',
  '/./',
  '/../',
  '%',
  '%2F',
  '%2f',
  '%2e',
  '%2E%2E',
  '%00',
  '%61',
  '?',
  '?a=1',
  '#',
  '#x',
  '@',
  'user@',
  'u:p@',
  ':',
  ':443',
  ':80',
  ':0',
  ':99999',
  '\\',
  ' ',
  '\t',
  '\n',
  '\r',
  '\u0000',
  '\u007f',
  'ü',
  '\u202e',
  '\uff0f',
  '\u00a0',
  '\ufeff',
  '\u2028',
  '\u0085',
  '\u200b',
  '\ud800',
  '[',
  ']',
  '[::1]',
  '=',
  '==',
  'A',
  'z',
  '0',
  'f',
  'g',
  '-',
  '_',
  '~',
  '--gpu-launcher=calc',
  '"',
  "'",
  '<',
  '>',
  'evil.test',
  '.evil.test',
  'accountdesk://',
  'https://',
  'reset',
  'MQ',
  'accounts',
  'key',
  '1-',
]
type Mutation = (s: string) => string
const HOSTS = [
  ...new Set(targets.map((t) => t.host)),
  'localhost',
  '127.0.0.2',
  '[::2]',
  'example.com',
  'EXAMPLE.org',
]
const PORTS = ['', ':443', ':80', ':8000', ':8443', ':49149', ':0', ':65536']
const SCHEMES = [scheme, 'https', 'http', 'HTTP', `${scheme}-dev`, 'ftp', 'file', 'javascript', `${scheme}s`]
const PATHS = [...new Set(targets.map((t) => t.base.slice(0, -1) + '/' + t.server.confirmPath))]
/** Swap one part of `scheme://host:port/path` for a part from another server or a near miss. */
const structural: fc.Arbitrary<Mutation> = fc
  .tuple(fc.constantFrom('scheme', 'host', 'port', 'path'), fc.nat())
  .map(([part, pick]) => (s: string) => {
    const m = /^([^:/]*):\/\/(\[[^\]]*\]|[^/:]*)(:[^/]*)?(\/.*)?$/s.exec(s)
    if (!m) return s
    const [, sch = '', host = '', port = '', path = ''] = m
    const from = <T>(xs: T[]) => xs[pick % xs.length] as T
    if (part === 'scheme') return `${from(SCHEMES)}://${host}${port}${path}`
    if (part === 'host') return `${sch}://${from(HOSTS)}${port}${path}`
    if (part === 'port') return `${sch}://${host}${from(PORTS)}${path}`
    const segments = path.split('/').filter((x) => x !== '')
    const last = segments[segments.length - 1] ?? ''
    // allauth's `key/<uid>-<token>/` or the others' `<uid>/<token>`.
    const [uid = '', token = ''] =
      segments[segments.length - 2] === 'key'
        ? [last.slice(0, last.indexOf('-')), last.slice(last.indexOf('-') + 1)]
        : segments.slice(-2)
    const other = from(PATHS).replace('{uid}', uid).replace('{token}', token)
    return `${sch}://${host}${port}${other}`
  })
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  structural,
  structural,
  fc.tuple(fc.nat(), fc.constantFrom(...SNIPPETS)).map(([at, snip]) => (s: string) => {
    const i = s.length === 0 ? 0 : at % (s.length + 1)
    return s.slice(0, i) + snip + s.slice(i)
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 8 })).map(([at, n]) => (s: string) => {
    const i = s.length === 0 ? 0 : at % s.length
    return s.slice(0, i) + s.slice(i + n)
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...SNIPPETS)).map(([at, snip]) => (s: string) => {
    const i = s.length === 0 ? 0 : at % s.length
    return s.slice(0, i) + snip + s.slice(i + 1)
  }),
  fc.nat().map((at) => (s: string) => {
    const i = s.length === 0 ? 0 : at % s.length
    const c = s.charAt(i)
    const flipped = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()
    return s.slice(0, i) + flipped + s.slice(i + 1)
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (s: string) => {
    const i = s.length === 0 ? 0 : a % s.length
    const j = s.length === 0 ? 0 : b % s.length
    return s.slice(0, Math.max(i, j)) + s.slice(Math.min(i, j))
  }),
  fc.nat().map((at) => (s: string) => s.slice(0, s.length === 0 ? 0 : at % s.length)),
  fc.constant((s: string) => s + 'A'.repeat(Math.max(0, MAX_LINK_LENGTH + 1 - s.length))),
)
const mutatedLink = fc
  .tuple(validLink, fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([link, ms]) => ms.reduce((s, m) => m(s), link))

const randomInput = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string({ unit: fc.constantFrom(...'accountdesk:/.%@?#[]-_~0123456789abcdefMQ'), maxLength: 120 }),
)

let checked = 0
let acceptedCount = 0
/** The property every input is held to. */
function check(input: string): void {
  checked++
  const result = parseResetLink(input, ctx) // a throw fails the property
  const expected = oracle(input)
  if (!result.ok) {
    expect(expected, `refused (${result.reason}) a valid link`).toBeNull()
    expect(MESSAGES.has(JSON.stringify(result.message))).toBe(true)
    return
  }
  acceptedCount++
  expect(expected, 'accepted an invalid link').not.toBeNull()
  expect({ serverId: result.serverId, uid: result.uid, token: result.token }).toEqual(expected)
  // Round trip: the server's own canonical link with this uid and token is accepted to the same values.
  const t = targets.find((x) => x.server.id === result.serverId)!
  const canonical = `${scheme}://${t.authorities(scheme)[0]}${t.base}${t.server.confirmPath
    .replace('{uid}', result.uid)
    .replace('{token}', result.token)}`
  const again = parseResetLink(canonical, ctx)
  expect(
    again.ok &&
      again.serverId === result.serverId &&
      again.uid === result.uid &&
      again.token === result.token,
  ).toBe(true)
  if (result.issuedAt) expect(result.issuedAt.getUTCFullYear()).toBeGreaterThanOrEqual(2010)
}

describe('parseResetLink fuzz', () => {
  // One seed per commit (LINK_FUZZ_SEED to replay another); three tests so that none comes near 60 s on a busy machine.
  const seed = fuzzSeed('LINK_FUZZ_SEED')
  const base = { seed, endOnFailure: true }
  const report = (what: string, started: number) =>
    console.log(
      `link fuzz (${what}): ${checked.toLocaleString('en')} inputs so far (${acceptedCount.toLocaleString('en')} accepted), ${((performance.now() - started) / 1000).toFixed(1)} s, seed ${seed}`,
    )

  it('accepts every generated valid link (25,000)', { timeout: 60_000 }, () => {
    const started = performance.now()
    fc.assert(
      fc.property(validLink, (s) => {
        const before = acceptedCount
        check(s)
        expect(acceptedCount, 'a generated valid link was refused').toBe(before + 1)
      }),
      { ...base, numRuns: fuzzRuns(25_000) },
    )
    report('generated', started)
  })

  it('agrees with the oracle on mutated links (60,000)', { timeout: 60_000 }, () => {
    const started = performance.now()
    fc.assert(fc.property(mutatedLink, check), { ...base, numRuns: fuzzRuns(60_000) })
    report('mutated', started)
  })

  it('agrees with the oracle on random input (20,000), ≥ 100,000 inputs in all', { timeout: 60_000 }, () => {
    const started = performance.now()
    fc.assert(fc.property(randomInput, check), { ...base, numRuns: fuzzRuns(20_000) })
    report('random', started)
    expect(checked).toBeGreaterThanOrEqual(fuzzRuns(105_000))
  })

  // Otherwise the fuzz would not be probing much: the inputs must hit every way of being refused.
  it('the mutations reach every refusal reason', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(fc.oneof(mutatedLink, randomInput), (s) => {
        const r = parseResetLink(s, ctx)
        if (!r.ok) seen.add(r.reason)
      }),
      { numRuns: 5_000, seed: 42 },
    )
    expect([...seen].sort()).toEqual([...REASONS].sort())
  })
})
