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
