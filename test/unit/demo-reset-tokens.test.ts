import { describe, expect, it } from 'vitest'
import {
  checkToken,
  decodeUid,
  encodeUid,
  makeToken,
  makeTokenWithTimestamp,
  secondsSince2001,
  type TokenUser,
} from '../../src/main/demo/reset-tokens'

/**
 * The fixture token was computed by hand with Python's hashlib and hmac (docs/server-protocol.md, "Token and uid"):
 *   key   = sha256(b"django.contrib.auth.tokens.PasswordResetTokenGenerator" + b"demo-fixture-secret-key").digest()
 *   value = "1" + password + "2026-11-30 11:15:23" + "817730123" + "alice@example.com"
 *   hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[::2]
 * and Django 3.2's PasswordResetTokenGenerator()._make_token_with_timestamp(user, 817730123) gave the same string
 * (last_login 2026-11-30 11:15:23.456789 UTC: microseconds are dropped).
 */
const SECRET = 'demo-fixture-secret-key'
const ALICE: TokenUser = {
  id: 1,
  password: 'pbkdf2_sha256$260000$abc$sPCw4byPXZPsqjaK1DaktjlMHSGJI9wqs8L0Yo4yPMI=',
  lastLogin: '2026-11-30T11:15:23.456Z',
  email: 'alice@example.com',
}
const ALICE_TOKEN = 'diusln-94cde963119729801d9f610e6fe94060'
/** Django, pk 10, no last_login, empty e-mail, same password and ts. */
const PK10_TOKEN = 'diusln-908fd8da093c943ccd6560ae9cab7edf'
const TS = 817730123
const AT_TS = new Date(Date.UTC(2026, 10, 30, 11, 15, 23))
const DAY = 86400
const TIMEOUT = 259200

const clockAt = (date: Date) => ({ secret: SECRET, now: date })
const later = (seconds: number) => new Date(AT_TS.getTime() + seconds * 1000)

describe("Django's reset token", () => {
  it('reproduces the hand-computed (and Django-computed) fixtures byte for byte', () => {
    expect(secondsSince2001(AT_TS)).toBe(TS)
    expect(TS.toString(36)).toBe('diusln')
    expect(makeTokenWithTimestamp(ALICE, TS, SECRET)).toBe(ALICE_TOKEN)
    expect(makeToken(ALICE, { secret: SECRET, now: AT_TS })).toBe(ALICE_TOKEN)
    expect(
      makeTokenWithTimestamp({ id: 10, password: ALICE.password, lastLogin: null, email: '' }, TS, SECRET),
    ).toBe(PK10_TOKEN)
    expect(ALICE_TOKEN).toMatch(/^[0-9a-z]{1,13}-[0-9a-f]{32}$/)
  })

  it('accepts the fixture until the timeout and refuses it one second later (the limit itself is still valid)', () => {
    expect(checkToken(ALICE, ALICE_TOKEN, clockAt(AT_TS))).toBe(true)
    expect(checkToken(ALICE, ALICE_TOKEN, clockAt(later(259_100)))).toBe(true)
    expect(checkToken(ALICE, ALICE_TOKEN, clockAt(later(TIMEOUT)))).toBe(true)
    expect(checkToken(ALICE, ALICE_TOKEN, clockAt(later(TIMEOUT + 1)))).toBe(false)
  })

  it('dies when the password, last_login or e-mail changes, and with another secret', () => {
    const clock = clockAt(later(60))
    expect(checkToken({ ...ALICE, password: ALICE.password.replace('abc', 'abd') }, ALICE_TOKEN, clock)).toBe(
      false,
    )
    expect(checkToken({ ...ALICE, lastLogin: '2026-11-30T11:16:00.000Z' }, ALICE_TOKEN, clock)).toBe(false)
    expect(checkToken({ ...ALICE, lastLogin: null }, ALICE_TOKEN, clock)).toBe(false)
    expect(checkToken({ ...ALICE, email: 'alice2@example.com' }, ALICE_TOKEN, clock)).toBe(false)
    expect(checkToken(ALICE, ALICE_TOKEN, { ...clock, secret: 'another-secret' })).toBe(false)
    // A new login within the same second leaves last_login's seconds unchanged: the token lives on, as in Django.
    expect(checkToken({ ...ALICE, lastLogin: '2026-11-30T11:15:23.999Z' }, ALICE_TOKEN, clock)).toBe(true)
    // Another account's uid with alice's token.
    expect(checkToken({ ...ALICE, id: 2 }, ALICE_TOKEN, clock)).toBe(false)
  })

  it('refuses malformed tokens without throwing', () => {
    const clock = clockAt(AT_TS)
    for (const token of [
      '',
      'abc',
      'diusln',
      'diusln-',
      '-94cde963119729801d9f610e6fe94060',
      'diusln-94cde963119729801d9f610e6fe94061',
      'DIUSLN-94cde963119729801d9f610e6fe94060',
      'diusln-94cde963119729801d9f610e6fe94060-x',
      '+diusln-94cde963119729801d9f610e6fe94060',
      'x'.repeat(300),
      `${'z'.repeat(14)}-94cde963119729801d9f610e6fe94060`,
    ]) {
      expect(checkToken(ALICE, token, clock)).toBe(false)
    }
  })

  it('keeps working a day, a year and 40 years on (6 base36 digits last until 2069)', () => {
    for (const days of [1, 365, 365 * 40]) {
      const now = later(days * DAY)
      const token = makeToken(ALICE, { secret: SECRET, now })
      expect(checkToken(ALICE, token, clockAt(now))).toBe(true)
    }
  })
})

describe("djoser's uid", () => {
  it('encodes the pk as unpadded urlsafe base64', () => {
    expect(encodeUid(1)).toBe('MQ')
    expect(encodeUid(2)).toBe('Mg')
    expect(encodeUid(10)).toBe('MTA')
    expect(encodeUid(1234)).toBe('MTIzNA')
  })

  it('decodes what it encodes, and nothing else, to a positive id', () => {
    expect(decodeUid('MQ')).toBe(1)
    expect(decodeUid('MTIzNA')).toBe(1234)
    expect(decodeUid('MQ==')).toBe(1)
    for (const uid of ['', '!!', 'YWJj', 'LTE', 'MA', 'IDE', 'Kzk', 'MV8w', '4pyT', 'gA', 'M!Q', 'MQx'])
      expect(decodeUid(uid), uid).toBeNull()
  })
})
