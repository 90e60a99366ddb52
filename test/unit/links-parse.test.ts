import { describe, expect, it } from 'vitest'
import {
  MAX_LINK_LENGTH,
  parseResetLink,
  refusalMessage,
  tokenIssuedAt,
  type LinkParseContext,
  type LinkRefusalReason,
  type ParsedLink,
} from '../../src/main/links/parse-reset-link'
import { ctx, servers, TOKEN, UID } from './links-fixtures'

const parse = (input: unknown, c: LinkParseContext = ctx) => parseResetLink(input, c)
const accepted = (r: ParsedLink) => {
  if (!r.ok) throw new Error(`refused: ${r.reason}`)
  return r
}
const reason = (input: unknown, c: LinkParseContext = ctx) => {
  const r = parse(input, c)
  return r.ok ? 'accepted' : r.reason
}

describe('parseResetLink: good links', () => {
  it('takes the djoser form under the app scheme, with the issue time from the token', () => {
    const r = accepted(parse(`accountdesk://accounts.example.com/reset/${UID}/${TOKEN}`))
    expect(r).toEqual({
      ok: true,
      serverId: 'acme',
      uid: 'MQ',
      token: TOKEN,
      issuedAt: new Date('2026-11-30T11:15:23Z'),
    })
  })

  it('takes the django-forms form with its trailing slash, under the app scheme and plain http on loopback', () => {
    for (const link of [
      `accountdesk://127.0.0.1:49149/accounts/reset/MQ/${TOKEN}/`,
      `http://127.0.0.1:49149/accounts/reset/MQ/${TOKEN}/`,
      `https://127.0.0.1:49149/accounts/reset/MQ/${TOKEN}/`,
    ]) {
      expect(accepted(parse(link)).serverId, link).toBe('forms')
    }
  })

  it("takes django-allauth's key, `<uidb36>-<token>`, in the app link and on allauth's own page", () => {
    // The key allauth 65 mailed (docs/server-protocol.md, "django-allauth"): uid 1, then Django's token.
    const key = '1-diya11-045c03ac9a6b723acd80c53c038c49a6'
    for (const link of [
      `accountdesk://id.example.net/accounts/password/reset/key/${key}/`,
      `https://id.example.net/accounts/password/reset/key/${key}/`,
    ]) {
      const r = accepted(parse(link))
      expect({ serverId: r.serverId, uid: r.uid, token: r.token }, link).toEqual({
        serverId: 'allauth',
        uid: '1',
        token: 'diya11-045c03ac9a6b723acd80c53c038c49a6',
      })
    }
    // A UUID primary key is its hex; a larger integer key more base36 digits.
    expect(
      accepted(
        parse(
          `https://id.example.net/accounts/password/reset/key/3f2a9c0e7b1d4e5fa6b7c8d9e0f1a2b3-${TOKEN}/`,
        ),
      ).uid,
    ).toBe('3f2a9c0e7b1d4e5fa6b7c8d9e0f1a2b3')
  })

  it("refuses allauth keys that are not exactly `<uid>-<token>` on the server's path", () => {
    const base = 'https://id.example.net/accounts/password/reset/key'
    expect(reason(`${base}/1-${TOKEN}`)).toBe('wrong-path') // the trailing slash is part of the path
    expect(reason(`https://id.example.net/password/reset/key/1-${TOKEN}/`)).toBe('wrong-path')
    expect(reason(`${base}/1/${TOKEN}/`)).toBe('wrong-path')
    expect(reason(`${base}/-${TOKEN}/`)).toBe('malformed-uid')
    expect(reason(`${base}/1-${TOKEN.slice(0, 20)}/`)).toBe('malformed-token')
    expect(reason(`${base}/1-2-${TOKEN}/`)).toBe('malformed-token') // the uid ends at the first dash
    expect(reason(`${base}/1${TOKEN}/`)).toBe('malformed-token')
  })

  it('takes the https form of a djoser link (a pasted link or a web-page link)', () => {
    expect(accepted(parse(`https://accounts.example.com/reset/MQ/${TOKEN}`)).serverId).toBe('acme')
    expect(accepted(parse(`https://accounts.example.com:443/reset/MQ/${TOKEN}`)).serverId).toBe('acme')
  })

  it('takes the exact link Django wrote in the mail of backend-protocol §4.2, for a forms server', () => {
    const r = accepted(
      parse('http://127.0.0.1:49149/accounts/reset/MQ/diuslv-cadfeeee8f3313413a9d11a662c31bd8/'),
    )
    expect(r.token).toBe('diuslv-cadfeeee8f3313413a9d11a662c31bd8')
    expect(r.issuedAt?.toISOString()).toBe('2026-11-30T11:15:31.000Z')
  })

  it('ignores the case of the scheme and host but not of the path', () => {
    expect(accepted(parse(`AccountDesk://Accounts.EXAMPLE.com/reset/MQ/${TOKEN}`)).serverId).toBe('acme')
    expect(accepted(parse(`HTTPS://ACCOUNTS.example.COM/reset/MQ/${TOKEN}`)).serverId).toBe('acme')
    expect(reason(`accountdesk://accounts.example.com/Reset/MQ/${TOKEN}`)).toBe('wrong-path')
    expect(accepted(parse(`accountdesk://accounts.example.com/reset/Mq/${TOKEN}`)).uid).toBe('Mq')
  })

  it('requires the base path of a server that has one, and its port', () => {
    expect(accepted(parse(`accountdesk://example.org:8443/api/reset/MQ/${TOKEN}`)).serverId).toBe('sub')
    expect(accepted(parse(`https://example.org:8443/api/reset/MQ/${TOKEN}`)).serverId).toBe('sub')
    expect(reason(`accountdesk://example.org:8443/reset/MQ/${TOKEN}`)).toBe('wrong-path')
    expect(reason(`accountdesk://example.org/api/reset/MQ/${TOKEN}`)).toBe('unknown-server')
    expect(reason(`https://example.org/api/reset/MQ/${TOKEN}`)).toBe('unknown-server')
  })

  it('matches ports: the app scheme names the port exactly when the server does', () => {
    expect(accepted(parse(`accountdesk://accounts.example.com:443/reset/MQ/${TOKEN}`)).serverId).toBe('acme')
    expect(reason(`accountdesk://accounts.example.com:8443/reset/MQ/${TOKEN}`)).toBe('unknown-server')
    expect(reason(`accountdesk://127.0.0.1/accounts/reset/MQ/${TOKEN}/`)).toBe('unknown-server')
    expect(reason(`accountdesk://127.0.0.1:49150/accounts/reset/MQ/${TOKEN}/`)).toBe('unknown-server')
    expect(reason(`accountdesk://127.0.0.1:049149/accounts/reset/MQ/${TOKEN}/`)).toBe('unknown-server')
    expect(reason(`accountdesk://127.0.0.1:99999/accounts/reset/MQ/${TOKEN}/`)).toBe('unknown-server')
    expect(reason(`accountdesk://127.0.0.1:/accounts/reset/MQ/${TOKEN}/`)).toBe('unknown-server')
  })

  it('takes IPv6 loopback in any spelling of the same address, and plain http for it', () => {
    for (const host of ['[::1]', '[0:0:0:0:0:0:0:1]', '[0::1]']) {
      expect(accepted(parse(`accountdesk://${host}:8000/reset/MQ/${TOKEN}`)).serverId, host).toBe('v6')
      expect(accepted(parse(`http://${host}:8000/reset/MQ/${TOKEN}`)).serverId, host).toBe('v6')
    }
    expect(reason(`accountdesk://[::2]:8000/reset/MQ/${TOKEN}`)).toBe('unknown-server')
    expect(reason(`accountdesk://[::1/reset/MQ/${TOKEN}`)).toBe('unknown-server')
  })

  it('takes an internationalised server by its ASCII (punycode) name only', () => {
    expect(accepted(parse(`accountdesk://xn--bcher-kva.example/accounts/reset/MQ/${TOKEN}/`)).serverId).toBe(
      'idn',
    )
    expect(reason(`accountdesk://bücher.example/accounts/reset/MQ/${TOKEN}/`)).toBe('bad-characters')
    expect(reason(`https://bücher.example/accounts/reset/MQ/${TOKEN}/`)).toBe('bad-characters')
  })

  it('trims the whitespace a paste brings around the link, and nothing inside it', () => {
    expect(accepted(parse(`  accountdesk://accounts.example.com/reset/MQ/${TOKEN}\r\n`)).serverId).toBe(
      'acme',
    )
    expect(reason(`accountdesk://accounts.example.com/reset/MQ/ ${TOKEN}`)).toBe('bad-characters')
    expect(reason(`accountdesk://accounts.example.com/reset/MQ/\t${TOKEN}`)).toBe('bad-characters')
    expect(reason(`accountdesk://accounts.example.com/reset/MQ/${TOKEN}\n/x`)).toBe('bad-characters')
  })

  it.each([
    ['NBSP', '\u00a0'],
    ['BOM', '\ufeff'],
    ['NUL', '\u0000'],
    ['DEL', '\u007f'],
    ['a C1 control', '\u0085'],
    ['an em space', '\u2003'],
    ['a line separator', '\u2028'],
    ['an ideographic space', '\u3000'],
    ['a zero-width space', '\u200b'],
  ])(
    'one trim rule, whatever way the link came: %s at either end is dropped, inside it is refused',
    (_, ch) => {
      const link = `accountdesk://accounts.example.com/reset/MQ/${TOKEN}`
      expect(accepted(parse(`${ch}${ch} ${link}${ch}\r\n`)).token).toBe(TOKEN)
      expect(reason(link.replace('/MQ/', `/M${ch}Q/`))).toBe('bad-characters')
    },
  )

  it('reads the issue time as UTC seconds since 2001 and gives null when implausible', () => {
    expect(tokenIssuedAt('0-' + 'a'.repeat(32))).toBeNull() // 2001: a legacy day-based token, not a time
    expect(tokenIssuedAt('zzzzzzzzzzzzz-' + 'a'.repeat(32))).toBeNull()
    expect(tokenIssuedAt('diusln-x')).toEqual(new Date('2026-11-30T11:15:23Z'))
    const r = accepted(parse(`accountdesk://accounts.example.com/reset/MQ/1-${'a'.repeat(32)}`))
    expect(r.issuedAt).toBeNull()
  })

  it('accepts the uid and token bounds and nothing past them', () => {
    const base = 'accountdesk://accounts.example.com/reset'
    expect(reason(`${base}/${'A'.repeat(64)}/${TOKEN}`)).toBe('accepted')
    expect(reason(`${base}/${'A'.repeat(65)}/${TOKEN}`)).toBe('malformed-uid')
    expect(reason(`${base}/a_-Z09/${TOKEN}`)).toBe('accepted')
    expect(reason(`${base}/MQ==/${TOKEN}`)).toBe('malformed-uid')
    expect(reason(`${base}/M.Q/${TOKEN}`)).toBe('malformed-uid')
    expect(reason(`${base}/MQ/${'z'.repeat(13)}-${'0'.repeat(20)}`)).toBe('accepted')
    expect(reason(`${base}/MQ/${'z'.repeat(13)}-${'0'.repeat(64)}`)).toBe('accepted')
    expect(reason(`${base}/MQ/${'z'.repeat(14)}-${'0'.repeat(32)}`)).toBe('malformed-token')
    expect(reason(`${base}/MQ/abc-${'0'.repeat(19)}`)).toBe('malformed-token')
    expect(reason(`${base}/MQ/abc-${'0'.repeat(65)}`)).toBe('malformed-token')
    expect(reason(`${base}/MQ/ABC-${'0'.repeat(32)}`)).toBe('malformed-token')
    expect(reason(`${base}/MQ/abc-${'A'.repeat(32)}`)).toBe('malformed-token')
    expect(reason(`${base}/MQ/abc${'0'.repeat(32)}`)).toBe('malformed-token')
    expect(reason(`${base}/MQ/-${'0'.repeat(32)}`)).toBe('malformed-token')
  })
})

describe('parseResetLink: refusals', () => {
  const cases: [string, unknown, LinkRefusalReason][] = [
    ['not a string', 42, 'not-a-url'],
    ['undefined', undefined, 'not-a-url'],
    ['empty', '', 'not-a-url'],
    ['only spaces', '   ', 'not-a-url'],
    ['no scheme', `accounts.example.com/reset/MQ/${TOKEN}`, 'not-a-url'],
    ['a relative path', `/reset/MQ/${TOKEN}`, 'not-a-url'],
    [
      'a scheme with a bad first letter',
      `1accountdesk://accounts.example.com/reset/MQ/${TOKEN}`,
      'not-a-url',
    ],
    ['another app scheme', `otherapp://accounts.example.com/reset/MQ/${TOKEN}`, 'unsupported-scheme'],
    [
      'the dev scheme in a packaged app',
      `accountdesk-dev://accounts.example.com/reset/MQ/${TOKEN}`,
      'unsupported-scheme',
    ],
    ['javascript:', 'javascript:alert(1)//accounts.example.com', 'unsupported-scheme'],
    ['file:', `file:///reset/MQ/${TOKEN}`, 'unsupported-scheme'],
    ['ftp:', `ftp://accounts.example.com/reset/MQ/${TOKEN}`, 'unsupported-scheme'],
    ['plain http to a remote server', `http://accounts.example.com/reset/MQ/${TOKEN}`, 'insecure-scheme'],
    ['plain http with its port', `http://accounts.example.com:443/reset/MQ/${TOKEN}`, 'insecure-scheme'],
    ['scheme-colon-path', `accountdesk:reset/MQ/${TOKEN}`, 'no-host'],
    ['one slash', `accountdesk:/reset/MQ/${TOKEN}`, 'no-host'],
    ['empty host', `accountdesk:///reset/MQ/${TOKEN}`, 'no-host'],
    ['nothing after the scheme', 'accountdesk://', 'no-host'],
    ['https one slash', `https:/accounts.example.com/reset/MQ/${TOKEN}`, 'no-host'],
    ['user info', `accountdesk://user@accounts.example.com/reset/MQ/${TOKEN}`, 'has-credentials'],
    ['user and password', `https://u:p@accounts.example.com/reset/MQ/${TOKEN}`, 'has-credentials'],
    ['empty user info', `accountdesk://@accounts.example.com/reset/MQ/${TOKEN}`, 'has-credentials'],
    [
      'a look-alike host via user info',
      `https://accounts.example.com@evil.test/reset/MQ/${TOKEN}`,
      'has-credentials',
    ],
    [
      'query',
      `accountdesk://accounts.example.com/reset/MQ/${TOKEN}?next=https://evil.test`,
      'has-query-or-fragment',
    ],
    ['empty query', `accountdesk://accounts.example.com/reset/MQ/${TOKEN}?`, 'has-query-or-fragment'],
    ['fragment', `accountdesk://accounts.example.com/reset/MQ/${TOKEN}#x`, 'has-query-or-fragment'],
    [
      'tracking parameters',
      `https://accounts.example.com/reset/MQ/${TOKEN}?utm_source=mail`,
      'has-query-or-fragment',
    ],
    ['encoded slash', `accountdesk://accounts.example.com/reset%2FMQ/${TOKEN}`, 'encoded-characters'],
    ['encoded host', `https://%61ccounts.example.com/reset/MQ/${TOKEN}`, 'encoded-characters'],
    [
      'encoded dot segment',
      `accountdesk://accounts.example.com/x/%2e%2e/reset/MQ/${TOKEN}`,
      'encoded-characters',
    ],
    [
      'encoded token',
      `accountdesk://accounts.example.com/reset/MQ/%64iusln-88aa9a15913d435fa538b434f728f58d`,
      'encoded-characters',
    ],
    ['backslash', `https://accounts.example.com\\reset\\MQ\\${TOKEN}`, 'bad-characters'],
    ['space', `accountdesk://accounts.example.com/reset/MQ/${TOKEN} --gpu-launcher=calc`, 'bad-characters'],
    ['quote', `accountdesk://accounts.example.com/reset/MQ/${TOKEN}"`, 'bad-characters'],
    ['NUL inside', `accountdesk://accounts.example.com/reset/MQ\u0000/${TOKEN}`, 'bad-characters'],
    [
      'right-to-left override',
      `accountdesk://accounts.example.com/reset/MQ/\u202e${TOKEN}`,
      'bad-characters',
    ],
    ['fullwidth slash', `accountdesk://accounts.example.com\uff0freset/MQ/${TOKEN}`, 'bad-characters'],
    ['an unknown host', `accountdesk://evil.test/reset/MQ/${TOKEN}`, 'unknown-server'],
    [
      'a sub-domain of a server',
      `accountdesk://evil.accounts.example.com/reset/MQ/${TOKEN}`,
      'unknown-server',
    ],
    [
      'a server as sub-domain',
      `accountdesk://accounts.example.com.evil.test/reset/MQ/${TOKEN}`,
      'unknown-server',
    ],
    ['trailing dot', `accountdesk://accounts.example.com./reset/MQ/${TOKEN}`, 'unknown-server'],
    ['IPv4 in hex', `https://0x7f.0.0.1:49149/accounts/reset/MQ/${TOKEN}/`, 'unknown-server'],
    ['IPv4 short form', `https://127.1:49149/accounts/reset/MQ/${TOKEN}/`, 'unknown-server'],
    [
      'localhost for 127.0.0.1',
      `accountdesk://localhost:49149/accounts/reset/MQ/${TOKEN}/`,
      'unknown-server',
    ],
    ['underscore host', `accountdesk://acc_ounts.example.com/reset/MQ/${TOKEN}`, 'unknown-server'],
    ['double slash in the path', `accountdesk://accounts.example.com//reset/MQ/${TOKEN}`, 'wrong-path'],
    ['double slash before the token', `accountdesk://accounts.example.com/reset/MQ//${TOKEN}`, 'wrong-path'],
    ['dot segments', `accountdesk://accounts.example.com/x/../reset/MQ/${TOKEN}`, 'wrong-path'],
    ['single dot segment', `accountdesk://accounts.example.com/./reset/MQ/${TOKEN}`, 'wrong-path'],
    [
      'a dot segment where the uid goes',
      `accountdesk://accounts.example.com/reset/../${TOKEN}`,
      'wrong-path',
    ],
    [
      'a dot segment where the uid goes, https',
      `https://accounts.example.com/reset/./${TOKEN}`,
      'wrong-path',
    ],
    ['trailing dot segment', `https://accounts.example.com/reset/MQ/${TOKEN}/.`, 'wrong-path'],
    ['extra segment', `accountdesk://accounts.example.com/reset/MQ/${TOKEN}/extra`, 'wrong-path'],
    ['a slash djoser does not send', `accountdesk://accounts.example.com/reset/MQ/${TOKEN}/`, 'wrong-path'],
    [
      'missing the slash Django sends',
      `accountdesk://127.0.0.1:49149/accounts/reset/MQ/${TOKEN}`,
      'wrong-path',
    ],
    ['prefix segment', `accountdesk://accounts.example.com/x/reset/MQ/${TOKEN}`, 'wrong-path'],
    [
      'the other kind of path',
      `accountdesk://accounts.example.com/accounts/reset/MQ/${TOKEN}/`,
      'wrong-path',
    ],
    ['no path', 'accountdesk://accounts.example.com', 'wrong-path'],
    ['just a slash', 'https://accounts.example.com/', 'wrong-path'],
    [
      'the old acctmgr form (host slot used for "reset")',
      `accountdesk://reset/MQ/${TOKEN}`,
      'unknown-server',
    ],
    ['empty uid', `accountdesk://accounts.example.com/reset//${TOKEN}`, 'malformed-uid'],
    ['uid with a colon', `accountdesk://accounts.example.com/reset/M:Q/${TOKEN}`, 'malformed-uid'],
    ['uid with @', `accountdesk://accounts.example.com/reset/M@Q/${TOKEN}`, 'malformed-uid'],
    ['token cut off', `accountdesk://accounts.example.com/reset/MQ/diusln-88aa9a15`, 'malformed-token'],
    ['empty token', 'accountdesk://accounts.example.com/reset/MQ/', 'malformed-token'],
    ['token with junk', `accountdesk://accounts.example.com/reset/MQ/${TOKEN}~`, 'malformed-token'],
    [
      'token with a tilde inside',
      `accountdesk://accounts.example.com/reset/MQ/dius~ln-88aa9a15913d435fa538b434f728f58d`,
      'malformed-token',
    ],
  ]
  it.each(cases)('refuses %s', (_name, input, expected) => {
    const r = parse(input)
    expect(r.ok ? 'accepted' : r.reason).toBe(expected)
    if (!r.ok) {
      expect(r.message).toEqual(refusalMessage(expected, 'accountdesk'))
      expect(JSON.stringify(r.message)).not.toContain(TOKEN)
      expect(JSON.stringify(r.message)).not.toMatch(/[0-9a-z]{1,13}-[0-9a-f]{20,64}/)
    }
  })

  it('refuses anything over 2,048 characters before looking at it, and takes 2,048 exactly', () => {
    const head = `accountdesk://accounts.example.com/reset/`
    const tail = `/${TOKEN}`
    const exact = head + 'A'.repeat(MAX_LINK_LENGTH - head.length - tail.length) + tail
    expect(exact.length).toBe(MAX_LINK_LENGTH)
    expect(reason(exact)).toBe('malformed-uid') // within the limit, then refused for its long uid
    expect(reason(exact + 'A')).toBe('too-long')
    expect(reason('x'.repeat(10_000_000))).toBe('too-long')
    expect(reason(' '.repeat(MAX_LINK_LENGTH + 1))).toBe('too-long')
  })

  it('refuses the app scheme when the configured scheme name is not valid, and still takes https', () => {
    const bad = { scheme: 'Bad Scheme', servers }
    expect(reason(`Bad Scheme://accounts.example.com/reset/MQ/${TOKEN}`, bad)).toBe('not-a-url')
    expect(reason(`accountdesk://accounts.example.com/reset/MQ/${TOKEN}`, bad)).toBe('unsupported-scheme')
    expect(reason(`https://accounts.example.com/reset/MQ/${TOKEN}`, bad)).toBe('accepted')
    const https = { scheme: 'https', servers }
    expect(reason(`https://accounts.example.com/reset/MQ/${TOKEN}`, https)).toBe('accepted')
  })

  it('knows no server when none is configured, and skips broken profiles without throwing', () => {
    expect(
      reason(`accountdesk://accounts.example.com/reset/MQ/${TOKEN}`, { scheme: 'accountdesk', servers: [] }),
    ).toBe('unknown-server')
    const broken = [
      { id: 'a', baseUrl: 'not a url', confirmPath: 'reset/{uid}/{token}' },
      { id: 'b', baseUrl: 'ftp://accounts.example.com', confirmPath: 'reset/{uid}/{token}' },
      { id: 'c', baseUrl: 'https://accounts.example.com', confirmPath: 'reset/{token}' },
      { id: 'd', baseUrl: 'https://accounts.example.com', confirmPath: 'reset/{uid}/{uid}/{token}' },
      { id: 'e', baseUrl: undefined as unknown as string, confirmPath: 'reset/{uid}/{token}' },
      ...servers,
    ]
    expect(
      accepted(
        parse(`accountdesk://accounts.example.com/reset/MQ/${TOKEN}`, {
          scheme: 'accountdesk',
          servers: broken,
        }),
      ).serverId,
    ).toBe('acme')
  })

  it('uses the confirm pattern of the profile, whatever it is', () => {
    const custom = [
      { id: 'x', baseUrl: 'https://id.example.net/base', confirmPath: '/password/confirm.v2/{uid}/{token}/' },
    ]
    const c = { scheme: 'accountdesk', servers: custom }
    expect(reason(`accountdesk://id.example.net/base/password/confirm.v2/MQ/${TOKEN}/`, c)).toBe('accepted')
    expect(reason(`accountdesk://id.example.net/base/password/confirmXv2/MQ/${TOKEN}/`, c)).toBe('wrong-path')
  })

  it('picks the first configured server when two share a host and both patterns fit', () => {
    const two = [
      { id: 'first', baseUrl: 'https://h.example', confirmPath: 'reset/{uid}/{token}' },
      { id: 'second', baseUrl: 'https://h.example', confirmPath: 'reset/{uid}/{token}' },
      { id: 'forms', baseUrl: 'https://h.example', confirmPath: 'accounts/reset/{uid}/{token}/' },
    ]
    const c = { scheme: 'accountdesk', servers: two }
    expect(accepted(parse(`accountdesk://h.example/reset/MQ/${TOKEN}`, c)).serverId).toBe('first')
    expect(accepted(parse(`accountdesk://h.example/accounts/reset/MQ/${TOKEN}/`, c)).serverId).toBe('forms')
  })

  it('never throws on hostile values of any type', () => {
    const hostile: unknown[] = [
      null,
      {},
      [],
      Symbol('x'),
      () => 1,
      {
        toString: () => {
          throw new Error('boom')
        },
      },
      new String(`accountdesk://accounts.example.com/reset/MQ/${TOKEN}`),
      '\ud800',
      ':',
      '://',
      'a:',
      'accountdesk:\\\\accounts.example.com\\reset',
    ]
    for (const value of hostile) expect(() => parse(value)).not.toThrow()
    expect(parse(new String('x')).ok).toBe(false)
    expect(() => parseResetLink('accountdesk://x/y', null as never)).not.toThrow()
    expect(() =>
      parseResetLink('accountdesk://x/y', { scheme: 'accountdesk', servers: null as never }),
    ).not.toThrow()
  })
})
