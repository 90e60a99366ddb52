import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { DemoUser } from './demo-store'

/**
 * Django's PasswordResetTokenGenerator (django/contrib/auth/tokens.py, 3.2+) and djoser's uid encoding
 * (docs/server-protocol.md, "Token and uid"):
 *
 *   token = <ts base36>-<every other hex digit of HMAC-SHA256>
 *   ts    = whole seconds since 2001-01-01 00:00:00 UTC
 *   key   = SHA-256(key_salt + SECRET_KEY), value = f"{pk}{password}{last_login}{ts}{email}"
 *   uid   = urlsafe base64 of str(pk), without padding
 *
 * A token dies when the password hash, last_login or e-mail changes, and when it is older than the timeout
 * (strictly greater, so a token exactly at the limit still works). Using it sets a new password and last_login,
 * so it is single-use.
 */
const KEY_SALT = 'django.contrib.auth.tokens.PasswordResetTokenGenerator'
/** Django's PASSWORD_RESET_TIMEOUT default: 3 days. */
const RESET_TIMEOUT_SECONDS = 259_200
const EPOCH_2001_MS = Date.UTC(2001, 0, 1)

/** What a token is made of: the pk, the stored hash, the ISO time of the last login (or null), the address. */
export type TokenUser = Pick<DemoUser, 'id' | 'password' | 'lastLogin' | 'email'>

export interface TokenClock {
  secret: string
  now: Date
}

export const secondsSince2001 = (date: Date): number => Math.floor((date.getTime() - EPOCH_2001_MS) / 1000)

/** `str(last_login.replace(microsecond=0, tzinfo=None))` for a UTC time: `YYYY-MM-DD HH:MM:SS`. */
const loginTimestamp = (iso: string | null): string =>
  iso ? new Date(iso).toISOString().slice(0, 19).replace('T', ' ') : ''

/** Django's salted_hmac(KEY_SALT, value, secret, algorithm='sha256').hexdigest()[::2]. */
function hashString(value: string, secret: string): string {
  const key = createHash('sha256')
    .update(KEY_SALT + secret, 'utf8')
    .digest()
  const hex = createHmac('sha256', key).update(value, 'utf8').digest('hex')
  return [...hex].filter((_c, i) => i % 2 === 0).join('')
}

export function makeTokenWithTimestamp(user: TokenUser, timestamp: number, secret: string): string {
  const value = `${user.id}${user.password}${loginTimestamp(user.lastLogin)}${timestamp}${user.email}`
  return `${timestamp.toString(36)}-${hashString(value, secret)}`
}

export const makeToken = (user: TokenUser, clock: TokenClock): string =>
  makeTokenWithTimestamp(user, secondsSince2001(clock.now), clock.secret)

/** Django's check_token. */
export function checkToken(user: TokenUser, token: string, clock: TokenClock): boolean {
  const match = /^([0-9a-z]{1,13})-[0-9a-f]+$/.exec(token)
  if (!match) return false
  const ts = parseInt(match[1] as string, 36)
  const expected = Buffer.from(makeTokenWithTimestamp(user, ts, clock.secret))
  const given = Buffer.from(token)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false
  return secondsSince2001(clock.now) - ts <= RESET_TIMEOUT_SECONDS
}

/** djoser's encode_uid: urlsafe_base64_encode(force_bytes(pk)), no padding. */
export const encodeUid = (pk: number): string => Buffer.from(String(pk), 'utf8').toString('base64url')

/** djoser's decode_uid, then the primary key: null for anything that is not the encoding of a positive id. */
export function decodeUid(uid: string): number | null {
  const text = Buffer.from(uid, 'base64url').toString('utf8')
  if (!/^[1-9][0-9]{0,15}$/.test(text) || encodeUid(Number(text)) !== uid.replace(/=+$/, '')) return null
  return Number(text)
}
