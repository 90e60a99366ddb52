import { describe, expect, it } from 'vitest'
import { formatAge, formatDateTime, formatList } from '../../src/renderer/src/format'
import { initI18n } from '../../src/renderer/src/i18n'

const NOW = Date.parse('2026-03-05T12:00:00.000Z')
const ago = (ms: number) => new Date(NOW - ms).toISOString()

describe('dates, ages and lists in the app’s language (Intl), never English words of the app’s own', () => {
  it('English', async () => {
    await initI18n(['en'])
    expect(formatAge(ago(20_000), NOW)).toBe('now')
    expect(formatAge(ago(-60_000), NOW)).toBe('now') // a clock ahead of this one
    expect(formatAge(ago(5 * 60_000), NOW)).toBe('5 minutes ago')
    expect(formatAge(ago(3 * 3_600_000), NOW)).toBe('3 hours ago')
    expect(formatAge(ago(86_400_000), NOW)).toBe('yesterday')
    expect(formatList(['alice', 'bob', 'carol'])).toBe('alice, bob, and carol')
    expect(formatDateTime('2026-03-05T12:00:00.000Z')).toMatch(/Mar 5, 2026/)
  })

  it('German', async () => {
    await initI18n(['de-CH'])
    expect(formatAge(ago(20_000), NOW)).toBe('jetzt')
    expect(formatAge(ago(5 * 60_000), NOW)).toBe('vor 5 Minuten')
    expect(formatAge(ago(3 * 3_600_000), NOW)).toBe('vor 3 Stunden')
    expect(formatAge(ago(86_400_000), NOW)).toBe('gestern')
    expect(formatList(['alice', 'bob', 'carol'])).toBe('alice, bob und carol')
    expect(formatDateTime('2026-03-05T12:00:00.000Z')).toMatch(/^05\.03\.2026/)
    expect(formatDateTime('not a date')).toBe('not a date')
    expect(formatAge('not a date', NOW)).toBe('')
  })
})
