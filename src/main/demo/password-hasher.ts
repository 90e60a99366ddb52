import { pbkdf2, randomInt, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'

/**
 * Django's PBKDF2PasswordHasher (django/contrib/auth/hashers.py): `pbkdf2_sha256$<iterations>$<salt>$<base64>`,
 * 32-byte SHA-256 PBKDF2 over the UTF-8 password and salt (Node's encoding of strings). A hash written here
 * verifies in Django and the other way round. Hashing runs in libuv's thread pool (async `pbkdf2`), never on the
 * event loop: the demo server lives in the Electron main process. Comparison is constant-time.
 */
const pbkdf2Async = promisify(pbkdf2)
const ALGORITHM = 'pbkdf2_sha256'
/** Django 3.2's default, the same as the team's Django test server. */
export const DEFAULT_ITERATIONS = 260_000
const SALT_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
/** Django 3.2: ceil(128 bits / log2(62)) = 22 characters. */
const SALT_LENGTH = 22
const MAX_ITERATIONS = 10_000_000

function randomSalt(): string {
  let out = ''
  for (let i = 0; i < SALT_LENGTH; i++) out += SALT_CHARS[randomInt(SALT_CHARS.length)]
  return out
}

/** The parts of a pbkdf2_sha256 hash this module can check, or null (an unusable `!…` password, another hasher). */
export function decodeHash(encoded: string): { iterations: number; salt: string; hash: string } | null {
  const [algorithm, iterations, salt, ...hash] = encoded.split('$')
  if (algorithm !== ALGORITHM || !/^[1-9][0-9]{0,7}$/.test(iterations ?? '') || salt === undefined)
    return null
  if (Number(iterations) > MAX_ITERATIONS || hash.length === 0) return null
  return { iterations: Number(iterations), salt, hash: hash.join('$') }
}

/** Django's make_password(password, salt, 'pbkdf2_sha256'); Node refuses an iteration count below 1. */
export async function makePassword(
  password: string,
  { iterations = DEFAULT_ITERATIONS, salt = randomSalt() }: { iterations?: number; salt?: string } = {},
): Promise<string> {
  if (salt.includes('$')) throw new RangeError('A salt cannot contain "$".')
  const key = await pbkdf2Async(password, salt, iterations, 32, 'sha256')
  return `${ALGORITHM}$${iterations}$${salt}$${key.toString('base64')}`
}

/** Django's check_password: true when `password` matches `encoded`. Never throws on a malformed hash. */
export async function checkPassword(password: string, encoded: string): Promise<boolean> {
  const decoded = decodeHash(encoded)
  if (!decoded) return false
  const computed = Buffer.from(await makePassword(password, decoded))
  const stored = Buffer.from(encoded)
  return computed.length === stored.length && timingSafeEqual(computed, stored)
}
