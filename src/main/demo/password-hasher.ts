import { pbkdf2, randomInt, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'

/**
 * Django's PBKDF2PasswordHasher (django/contrib/auth/hashers.py): `pbkdf2_sha256$<iterations>$<salt>$<base64>`,
 * 32-byte SHA-256 PBKDF2 over the UTF-8 password and salt. A hash written here verifies in Django and the other
 * way round.
 *
 * Hashing runs in libuv's thread pool (async `pbkdf2`), never on the event loop: the demo server lives in the
 * Electron main process. Comparison is constant-time.
 */
const pbkdf2Async = promisify(pbkdf2)

export const ALGORITHM = 'pbkdf2_sha256'
/** Django 3.2's default, the same as the team's Django test server. */
export const DEFAULT_ITERATIONS = 260_000
/** Django's UNUSABLE_PASSWORD_PREFIX: such a password never verifies and gets no reset mail. */
export const UNUSABLE_PREFIX = '!'
const SALT_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
/** Django 3.2: ceil(128 bits / log2(62)) = 22 characters. */
const SALT_LENGTH = 22
const MAX_ITERATIONS = 10_000_000

export function randomString(length: number, chars = SALT_CHARS): string {
  let out = ''
  for (let i = 0; i < length; i++) out += chars[randomInt(chars.length)]
  return out
}

export const makeSalt = (): string => randomString(SALT_LENGTH)

export interface DecodedHash {
  algorithm: string
  iterations: number
  salt: string
  hash: string
}

/** Splits a stored hash; null when it is not a pbkdf2_sha256 hash this module can check. */
export function decodeHash(encoded: string): DecodedHash | null {
  const parts = encoded.split('$')
  if (parts.length < 4) return null
  const [algorithm, iterationsText, salt] = parts as [string, string, string]
  const hash = parts.slice(3).join('$')
  if (algorithm !== ALGORITHM || !/^[1-9][0-9]{0,7}$/.test(iterationsText)) return null
  const iterations = Number(iterationsText)
  if (iterations > MAX_ITERATIONS) return null
  return { algorithm, iterations, salt, hash }
}

async function derive(password: string, salt: string, iterations: number): Promise<string> {
  const key = await pbkdf2Async(
    Buffer.from(password, 'utf8'),
    Buffer.from(salt, 'utf8'),
    iterations,
    32,
    'sha256',
  )
  return key.toString('base64')
}

/** Django's make_password(password, salt, 'pbkdf2_sha256'). */
export async function makePassword(
  password: string,
  options: { iterations?: number; salt?: string } = {},
): Promise<string> {
  const iterations = options.iterations ?? DEFAULT_ITERATIONS
  const salt = options.salt ?? makeSalt()
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS)
    throw new RangeError('The iteration count must be a whole number from 1 to 10,000,000.')
  if (salt.includes('$')) throw new RangeError('A salt cannot contain "$".')
  return `${ALGORITHM}$${iterations}$${salt}$${await derive(password, salt, iterations)}`
}

export const isUsablePassword = (encoded: string | null | undefined): boolean =>
  typeof encoded === 'string' && !encoded.startsWith(UNUSABLE_PREFIX) && decodeHash(encoded) !== null

export const makeUnusablePassword = (): string => UNUSABLE_PREFIX + randomString(40)

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8')
  const right = Buffer.from(b, 'utf8')
  // Compare equal-length buffers so the time does not depend on where they differ; the length check comes after.
  const same = timingSafeEqual(left.length === right.length ? left : right, right)
  return same && left.length === right.length
}

/** Django's check_password: true when `password` matches `encoded`. Never throws on a malformed hash. */
export async function checkPassword(password: string, encoded: string | null | undefined): Promise<boolean> {
  if (typeof encoded !== 'string' || !isUsablePassword(encoded)) return false
  const decoded = decodeHash(encoded)
  if (!decoded) return false
  const computed = `${ALGORITHM}$${decoded.iterations}$${decoded.salt}$${await derive(password, decoded.salt, decoded.iterations)}`
  return constantTimeEqual(computed, encoded)
}

/**
 * Django's must_update: the stored hash uses another iteration count than the server's, or a salt with less than
 * 128 bits of entropy (Django 3.2's must_update_salt). Django then re-hashes the password at the next login, which
 * changes the stored hash and so ends outstanding reset links.
 */
export const mustUpdate = (encoded: string, iterations: number): boolean => {
  const decoded = decodeHash(encoded)
  if (!decoded) return false
  return decoded.iterations !== iterations || decoded.salt.length * Math.log2(SALT_CHARS.length) < 128
}
