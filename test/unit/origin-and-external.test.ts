import { describe, expect, it } from 'vitest'
import { isAppOrigin } from '../../src/main/security/origin'
import { isAllowedExternalUrl } from '../../src/main/security/external-links'

describe('isAppOrigin (checklist row 13)', () => {
  it.each([
    ['app://account-desk/index.html', true],
    ['app://account-desk/', true],
    ['app://account-desk.evil.com/', false],
    ['app://evil.com/account-desk', false],
    ['app://user@account-desk/', false],
    ['javascript:alert(1)', false],
    ['file:///C:/app/index.html', false],
    ['https://account-desk/', false],
    ['data:text/html,hi', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (url, expected) => {
    expect(isAppOrigin(url as string | undefined)).toBe(expected)
  })
})

describe('isAllowedExternalUrl (checklist row 15)', () => {
  const hosts = ['accounts.example.com']
  it.each([
    ['https://accounts.example.com/accounts/password_reset/', true],
    ['mailto:help@example.com', true],
    ['https://ACCOUNTS.example.com/', true],
    ['https://accounts.example.com.evil.com/', false],
    ['https://evil.com/', false],
    ['http://accounts.example.com/', false],
    ['file:///etc/passwd', false],
    ['smb://server/share', false],
    ['\\\\server\\share', false],
    ['ms-msdt:/id PCWDiagnostic', false],
    ['search-ms:query=x', false],
    ['ms-officecmd:{}', false],
    ['javascript:alert(1)', false],
    ['data:text/html,x', false],
    [' https://accounts.example.com/', false],
    ['https://accounts.example.com/\n', false],
    ['HTTPS://accounts.example.com/x', true],
    ['FILE:///etc/passwd', false],
    ['https://user:pw@accounts.example.com/', false],
    ['mailto:x@y?cc=evil@x', false],
    [42, false],
    ['', false],
    ['https://user@accounts.example.com/', false],
    ['https://:pw@accounts.example.com/', false],
    ['https://accounts.example.com/a\tb', false],
    ['mailto:help@example.com#x', false],
    ['mailto:a/b@example.com', false],
    ['mailto:nobody', false],
    ['accounts.example.com/reset', false],
    ['https://', false],
  ])('%s → %s', (url, expected) => {
    expect(isAllowedExternalUrl(url, hosts)).toBe(expected)
  })

  it('takes URLs up to 2,048 characters, no longer', () => {
    const base = 'https://accounts.example.com/'
    expect(isAllowedExternalUrl(base + 'a'.repeat(2048 - base.length), hosts)).toBe(true)
    expect(isAllowedExternalUrl(base + 'a'.repeat(2049 - base.length), hosts)).toBe(false)
  })

  it('allows any of several configured hosts, and none when none is configured', () => {
    const several = ['intranet.example.org', 'accounts.example.com']
    expect(isAllowedExternalUrl('https://accounts.example.com/', several)).toBe(true)
    expect(isAllowedExternalUrl('https://intranet.example.org/', several)).toBe(true)
    expect(isAllowedExternalUrl('https://accounts.example.com/', [])).toBe(false)
  })
})
