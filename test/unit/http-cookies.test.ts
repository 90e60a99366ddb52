import { describe, expect, test } from 'vitest'
import { CookieJar, parseSetCookie } from '../../src/main/http/cookies'

const NOW = Date.parse('2026-11-30T12:00:00Z')

describe('cookies', () => {
  test('Django’s csrftoken and sessionid headers, as sent (leading space included)', () => {
    const csrf = parseSetCookie(
      ' csrftoken=abc123; expires=Mon, 29 Nov 2027 11:54:39 GMT; Max-Age=31449600; Path=/; SameSite=Lax',
      NOW,
    )
    expect(csrf).toEqual({ name: 'csrftoken', value: 'abc123', path: '/', expiresAt: NOW + 31449600 * 1000 })
    expect(parseSetCookie('sessionid=s1; HttpOnly; Path=/; SameSite=Lax; Secure', NOW)).toEqual({
      name: 'sessionid',
      value: 's1',
      path: '/',
      secure: true,
    })
    expect(parseSetCookie('=nameless', NOW)).toBeNull()
    expect(parseSetCookie('bad name=1', NOW)).toBeNull()
    expect(parseSetCookie('q="quoted"', NOW)?.value).toBe('quoted')
  })

  test('the jar sends what applies, forgets what expires, and survives serialisation', () => {
    let now = NOW
    const jar = new CookieJar([], () => now)
    jar.store([
      'csrftoken=c1; Max-Age=100; Path=/',
      'sessionid=s1; Path=/',
      'scoped=x; Path=/accounts',
      'tls=y; Secure; Path=/',
    ])
    expect(jar.headerFor('http://127.0.0.1:8000/accounts/login/')).toBe(
      'csrftoken=c1; sessionid=s1; scoped=x',
    )
    expect(jar.headerFor('http://127.0.0.1:8000/auth/')).toBe('csrftoken=c1; sessionid=s1')
    expect(jar.headerFor('http://127.0.0.1:8000/accountsx')).toBe('csrftoken=c1; sessionid=s1')
    expect(jar.headerFor('https://example.com/')).toBe('csrftoken=c1; sessionid=s1; tls=y')
    // Django's logout: an empty sessionid that expired in 1970.
    jar.store(['sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/'])
    expect(jar.get('sessionid')).toBeUndefined()
    const copy = new CookieJar(jar.toJSON(), () => now)
    expect(copy.get('csrftoken')).toBe('c1')
    now += 101_000
    expect(copy.get('csrftoken')).toBeUndefined()
    // Session cookies (no expiry) stay; the expired one is gone.
    expect(copy.headerFor('http://127.0.0.1:8000/accounts/')).toBe('scoped=x')
    expect(copy.toJSON().map((c) => c.name)).toEqual(['scoped', 'tls'])
  })
})

describe('cookie attributes and the jar’s edges', () => {
  test('nothing, or no name before “=”, is no cookie; a lone quote is kept as it is', () => {
    expect(parseSetCookie('', NOW)).toBeNull()
    expect(parseSetCookie('novalue', NOW)).toBeNull()
    expect(parseSetCookie('a=', NOW)).toEqual({ name: 'a', value: '', path: '/' })
    expect(parseSetCookie('a="', NOW)?.value).toBe('"')
    expect(parseSetCookie('a="x', NOW)?.value).toBe('"x')
    expect(parseSetCookie('a=x"', NOW)?.value).toBe('x"')
    expect(parseSetCookie('a=b=c', NOW)?.value).toBe('b=c')
    expect(parseSetCookie('a b=1', NOW)).toBeNull()
    expect(parseSetCookie('a;b=1', NOW)).toBeNull()
  })

  test('attribute names in any case and spacing; a Path that is not absolute is ignored', () => {
    expect(parseSetCookie('a=1;  PATH = /accounts ; SECURE', NOW)).toEqual({
      name: 'a',
      value: '1',
      path: '/accounts',
      secure: true,
    })
    expect(parseSetCookie('a=1; Path=accounts', NOW)?.path).toBe('/')
    expect(parseSetCookie('a=1; Path', NOW)?.path).toBe('/')
    expect(parseSetCookie('a=1; Secure=no', NOW)?.secure).toBe(true)
    expect(parseSetCookie('a=1; Pathx=/x; xSecure', NOW)).toEqual({ name: 'a', value: '1', path: '/' })
  })

  test('Max-Age wins over Expires whatever their order; the first readable Expires counts', () => {
    const expires = 'Thu, 01 Jan 2099 00:00:00 GMT'
    expect(parseSetCookie(`a=1; Max-Age=10; Expires=${expires}`, NOW)?.expiresAt).toBe(NOW + 10_000)
    expect(parseSetCookie(`a=1; Expires=${expires}; Max-Age=10`, NOW)?.expiresAt).toBe(NOW + 10_000)
    expect(parseSetCookie('a=1; Max-Age=-1', NOW)?.expiresAt).toBe(NOW - 1_000)
    expect(parseSetCookie(`a=1; Max-Age=soon; Expires=${expires}`, NOW)?.expiresAt).toBe(Date.parse(expires))
    expect(parseSetCookie('a=1; Max-Age=1.5', NOW)?.expiresAt).toBeUndefined()
    expect(parseSetCookie('a=1; Max-Age=10x', NOW)?.expiresAt).toBeUndefined()
    expect(
      parseSetCookie(`a=1; Expires=${expires}; Expires=Fri, 01 Jan 2100 00:00:00 GMT`, NOW)?.expiresAt,
    ).toBe(Date.parse(expires))
    expect(parseSetCookie(`a=1; Expires=never; Expires=${expires}`, NOW)?.expiresAt).toBe(Date.parse(expires))
  })

  test('a path matches itself and what lies under it, not a longer name', () => {
    const jar = new CookieJar([], () => NOW)
    jar.store(['slash=1; Path=/accounts/', 'bare=2; Path=/accounts'])
    expect(jar.headerFor('http://h/accounts/')).toBe('slash=1; bare=2')
    expect(jar.headerFor('http://h/accounts/login/')).toBe('slash=1; bare=2')
    expect(jar.headerFor('http://h/accounts')).toBe('bare=2')
    expect(jar.headerFor('http://h/accountsx/')).toBeUndefined()
    expect(jar.headerFor('http://h/')).toBeUndefined()
  })

  test('a cookie dies at its expiry instant; an expired Set-Cookie removes the one stored', () => {
    let now = NOW
    const jar = new CookieJar([], () => now)
    jar.store(['a=1; Max-Age=1'])
    now = NOW + 999
    expect(jar.get('a')).toBe('1')
    expect(jar.headerFor('http://h/')).toBe('a=1')
    expect(jar.toJSON()).toHaveLength(1)
    now = NOW + 1_000
    expect(jar.get('a')).toBeUndefined()
    expect(jar.headerFor('http://h/')).toBeUndefined()
    expect(jar.toJSON()).toEqual([])
    now = NOW
    jar.store(['b=1; Path=/'])
    jar.store(['b=2; Max-Age=0', 'c=3; Max-Age=0', 'not a cookie'])
    expect(jar.get('b')).toBeUndefined()
    expect(jar.toJSON().map((c) => c.name)).toEqual(['a'])
    expect(jar.get('nothing')).toBeUndefined()
  })

  test('Secure cookies go over https only', () => {
    const jar = new CookieJar([{ name: 's', value: '1', path: '/', secure: true }], () => NOW)
    expect(jar.headerFor('http://h/')).toBeUndefined()
    expect(jar.headerFor('https://h/')).toBe('s=1')
  })

  test('the jar keeps copies: changing what went in or came out changes nothing inside', () => {
    const stored = { name: 'a', value: '1', path: '/' }
    const jar = new CookieJar([stored], () => NOW)
    stored.value = 'changed'
    const out = jar.toJSON()
    out[0]!.value = 'changed too'
    expect(jar.get('a')).toBe('1')
    expect(jar.toJSON()).toEqual([{ name: 'a', value: '1', path: '/' }])
  })
})
