import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { pyStrip } from '../../shared/password-validators'

/**
 * Django's PasswordResetTokenGenerator (django/contrib/auth/tokens.py, 3.2) and djoser's uid encoding, as
 * described in docs/server-protocol.md, "Token and uid":
 *
 *   token = <ts base36>-<every other hex digit of HMAC-SHA256>
 *   ts    = whole seconds since 2001-01-01 00:00:00 (UTC here, as with TIME_ZONE='UTC')
 *   key   = SHA-256(key_salt + SECRET_KEY), value = f"{pk}{password}{last_login}{ts}{email}"
 *   uid   = urlsafe base64 of str(pk), without padding
 *
 * A token dies when the password hash, last_login or e-mail changes, and when it is older than the timeout
 * (strictly greater, so a token exactly at the limit still works). That makes it single-use: using it sets a new
 * password and last_login. Django 3.2's legacy fallbacks (sha1 tokens, pre-3.1 day-based tokens) are not kept:
 * this server never issued such tokens.
 */
export const KEY_SALT = 'django.contrib.auth.tokens.PasswordResetTokenGenerator'
/** Django's PASSWORD_RESET_TIMEOUT default: 3 days. */
export const DEFAULT_RESET_TIMEOUT_SECONDS = 259_200
const EPOCH_2001_MS = Date.UTC(2001, 0, 1)

export interface TokenUser {
  id: number
  /** The full stored hash, e.g. `pbkdf2_sha256$260000$salt$hash`. */
  password: string
  /** ISO time of the last login, or null (never logged in). */
  lastLogin: string | null
  email: string
}

export interface TokenClock {
  secret: string
  now: Date
}

export const secondsSince2001 = (date: Date): number => Math.floor((date.getTime() - EPOCH_2001_MS) / 1000)

export const intToBase36 = (n: number): string => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError('Negative base36 conversion input.')
  return n.toString(36)
}

/** Django's base36_to_int for the strings it can ever match (lowercase, at most 13 characters). */
export const base36ToInt = (s: string): number | null => (/^[0-9a-z]{1,13}$/.test(s) ? parseInt(s, 36) : null)

/** `str(last_login.replace(microsecond=0, tzinfo=None))` for a UTC time: `YYYY-MM-DD HH:MM:SS`. */
export function loginTimestamp(iso: string | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return d.toISOString().slice(0, 19).replace('T', ' ')
}

export function hashValue(user: TokenUser, timestamp: number): string {
  return `${user.id}${user.password}${loginTimestamp(user.lastLogin)}${timestamp}${user.email ?? ''}`
}

/** Django's salted_hmac(KEY_SALT, value, secret, algorithm='sha256').hexdigest()[::2]. */
function hashString(value: string, secret: string): string {
  const key = createHash('sha256')
    .update(KEY_SALT + secret, 'utf8')
    .digest()
  const hex = createHmac('sha256', key).update(value, 'utf8').digest('hex')
  let out = ''
  for (let i = 0; i < hex.length; i += 2) out += hex[i]
  return out
}

export const makeTokenWithTimestamp = (user: TokenUser, timestamp: number, secret: string): string =>
  `${intToBase36(timestamp)}-${hashString(hashValue(user, timestamp), secret)}`

export const makeToken = (user: TokenUser, clock: TokenClock): string =>
  makeTokenWithTimestamp(user, secondsSince2001(clock.now), clock.secret)

function constantTimeCompare(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8')
  const right = Buffer.from(b, 'utf8')
  const same = timingSafeEqual(left.length === right.length ? left : right, right)
  return same && left.length === right.length
}

/** Django's check_token. Any value that is not a string is refused (Django would raise; djoser answers 500). */
export function checkToken(
  user: TokenUser | null,
  token: unknown,
  clock: TokenClock & { timeoutSeconds: number },
): boolean {
  if (!user || typeof token !== 'string' || !token) return false
  const parts = token.split('-')
  if (parts.length !== 2) return false
  const ts = base36ToInt(parts[0] as string)
  if (ts === null) return false
  if (!constantTimeCompare(makeTokenWithTimestamp(user, ts, clock.secret), token)) return false
  return secondsSince2001(clock.now) - ts <= clock.timeoutSeconds
}

/** When the token says it was made (a hint only: it is the server's clock). */
export function tokenIssuedAt(token: string): Date | null {
  const ts = base36ToInt(token.split('-')[0] ?? '')
  return ts === null ? null : new Date(EPOCH_2001_MS + ts * 1000)
}

/** djoser's encode_uid: urlsafe_base64_encode(force_bytes(pk)), no padding. */
export const encodeUid = (pk: number | string): string =>
  Buffer.from(String(pk), 'utf8').toString('base64url')

const B64_VALUES = new Map<number, number>(
  [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c.charCodeAt(0), i]),
)

/**
 * djoser's decode_uid: Django's urlsafe_base64_decode (pads with len % 4 '=', then Python's non-strict base64,
 * which skips characters outside the alphabet) and a strict UTF-8 decode. null where Python raises.
 */
export function decodeUid(uid: string): string | null {
  const bytes = Buffer.from(uid, 'utf8')
  const padded = Buffer.concat([bytes, Buffer.alloc(bytes.length % 4, '=')])
  const out: number[] = []
  let quadPos = 0
  let leftChar = 0
  let pads = 0
  let done = false
  for (let i = 0; i < padded.length && !done; i++) {
    let ch = padded[i] as number
    if (ch === 0x3d) {
      if (quadPos >= 2 && quadPos + ++pads >= 4) done = true
      continue
    }
    if (ch === 0x2d)
      ch = 0x2b // urlsafe '-' → '+'
    else if (ch === 0x5f) ch = 0x2f // urlsafe '_' → '/'
    const value = B64_VALUES.get(ch)
    if (value === undefined) continue
    pads = 0
    switch (quadPos) {
      case 0:
        quadPos = 1
        leftChar = value
        break
      case 1:
        quadPos = 2
        out.push(((leftChar << 2) | (value >> 4)) & 0xff)
        leftChar = value & 0x0f
        break
      case 2:
        quadPos = 3
        out.push(((leftChar << 4) | (value >> 2)) & 0xff)
        leftChar = value & 0x03
        break
      default:
        quadPos = 0
        out.push(((leftChar << 6) | value) & 0xff)
        leftChar = 0
    }
  }
  if (!done && quadPos !== 0) return null
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(out))
  } catch {
    return null
  }
}

/**
 * Python's int(str) as Django's AutoField lookup applies it to the decoded uid: surrounding whitespace, one sign,
 * ASCII digits with single underscores between them. (Python also takes other Unicode decimal digits; those are
 * refused here.) null where Python raises ValueError.
 */
export function pythonInt(text: string): number | null {
  const trimmed = pyStrip(text)
  const match = /^([+-]?)([0-9](?:_?[0-9])*)$/.exec(trimmed)
  if (!match) return null
  const n = Number((match[2] as string).replace(/_/g, ''))
  if (!Number.isSafeInteger(n)) return null
  return match[1] === '-' ? -n : n
}
