import { describe, expect, it } from 'vitest'
import {
  checkPassword,
  decodeHash,
  DEFAULT_ITERATIONS,
  makePassword,
} from '../../src/main/demo/password-hasher'

/**
 * Fixtures computed by Django 3.2.25 itself (Debian's python3-django):
 *   make_password('x', salt='abc', hasher='pbkdf2_sha256')
 *   make_password('Pässwörd-1 ✓', salt='NaCl2001demo', hasher='pbkdf2_sha256')
 *   PBKDF2PasswordHasher().encode('correct horse', 'tinysalt', 1000)
 */
const DJANGO_X = 'pbkdf2_sha256$260000$abc$sPCw4byPXZPsqjaK1DaktjlMHSGJI9wqs8L0Yo4yPMI='
const DJANGO_UNICODE = 'pbkdf2_sha256$260000$NaCl2001demo$ScmU+wy06lVqXUzM+xF782jO/h3EQi8yTLIMLKDNNaM='
const DJANGO_1000 = 'pbkdf2_sha256$1000$tinysalt$Bbc/DMRhF/TUqxWieYnFAMWBOum9iRJVk89wxNADWVw='

describe('Django pbkdf2_sha256 hashes', () => {
  it('computes the same string Django computes for the same password and salt', async () => {
    expect(await makePassword('x', { salt: 'abc' })).toBe(DJANGO_X)
    expect(await makePassword('Pässwörd-1 ✓', { salt: 'NaCl2001demo' })).toBe(DJANGO_UNICODE)
    expect(await makePassword('correct horse', { salt: 'tinysalt', iterations: 1000 })).toBe(DJANGO_1000)
  })

  it('verifies hashes Django wrote, and refuses a wrong password', async () => {
    expect(await checkPassword('x', DJANGO_X)).toBe(true)
    expect(await checkPassword('X', DJANGO_X)).toBe(false)
    expect(await checkPassword('x ', DJANGO_X)).toBe(false)
    expect(await checkPassword('Pässwörd-1 ✓', DJANGO_UNICODE)).toBe(true)
    expect(await checkPassword('Passwörd-1 ✓', DJANGO_UNICODE)).toBe(false)
    expect(await checkPassword('correct horse', DJANGO_1000)).toBe(true)
  })

  it('uses 260000 iterations and a fresh 22-character salt by default', async () => {
    const a = await makePassword('same password')
    const b = await makePassword('same password')
    expect(a).not.toBe(b)
    const decoded = decodeHash(a)
    expect(a.startsWith('pbkdf2_sha256$')).toBe(true)
    expect(decoded).toMatchObject({ iterations: DEFAULT_ITERATIONS })
    expect(decoded?.salt).toMatch(/^[A-Za-z0-9]{22}$/)
    expect(DEFAULT_ITERATIONS).toBe(260_000)
    expect(await checkPassword('same password', a)).toBe(true)
  })

  it('never verifies unusable, malformed or foreign hashes, and never throws on them', async () => {
    for (const encoded of [
      '!unusableDjangoPasswordXYZ',
      '',
      'pbkdf2_sha256$',
      'pbkdf2_sha256$abc$salt$hash',
      'pbkdf2_sha256$0$salt$hash',
      'pbkdf2_sha256$99999999999$salt$hash',
      'argon2$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$aGFzaA',
      'md5$salt$0123',
      DJANGO_X.slice(0, -4),
    ]) {
      expect(await checkPassword('x', encoded)).toBe(false)
    }
    expect(decodeHash('!unusableDjangoPasswordXYZ')).toBeNull()
    expect(decodeHash(DJANGO_X)).not.toBeNull()
  })

  it('refuses bad arguments with a clear message', async () => {
    await expect(makePassword('x', { salt: 'a$b' })).rejects.toThrow(/salt/)
    await expect(makePassword('x', { iterations: 0 })).rejects.toThrow(/iteration/)
  })

  it('hashes off the event loop: timers keep firing while a 260000-iteration hash runs', async () => {
    const ticksDuring = async (work: () => Promise<unknown>) => {
      let ticks = 0
      const timer = setInterval(() => ticks++, 5)
      const started = performance.now()
      await work()
      clearInterval(timer)
      return { ticks, elapsed: performance.now() - started }
    }
    const hashing = await ticksDuring(() => Promise.all([makePassword('a'), makePassword('b')]))
    // The baseline: the same timer over the same time with nothing else running, on this machine, now.
    const idle = await ticksDuring(() => new Promise((r) => setTimeout(r, hashing.elapsed)))
    console.log(
      `two 260000-iteration hashes in parallel: ${hashing.elapsed.toFixed(0)} ms, ${hashing.ticks} timer ticks meanwhile (${idle.ticks} idle)`,
    )
    // A hash on the main thread would block the loop: one tick at most, against dozens idle.
    expect(idle.ticks).toBeGreaterThanOrEqual(8)
    expect(hashing.ticks).toBeGreaterThan(idle.ticks / 4)
  })
})
