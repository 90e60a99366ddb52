import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { format, releasesFromNpmTimes, SUPPORTED_MAJORS } from '../../scripts/update-electron-releases.mjs'

/**
 * Checklist row 16: the app ships a supported Electron, i.e. a major among the newest three. The list of majors
 * is electron-releases.json in the repository, written by scripts/update-electron-releases.mjs from the npm
 * registry (docs/maintaining.md). The verdict depends on that data only, never on today's date: the same commit
 * gives the same answer on any day, and it turns red when an update of the data shows the pinned major is out.
 */
const ROOT = path.resolve(import.meta.dirname, '../..')

const releasesSchema = z
  .object({
    description: z.string(),
    updated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    supportedMajors: z.number().int().min(1),
    releases: z
      .array(
        z
          .object({ major: z.number().int().min(1), stable: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })
          .strict(),
      )
      .min(3),
  })
  .strict()

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}
const list = releasesSchema.parse(JSON.parse(readFileSync(path.join(ROOT, 'electron-releases.json'), 'utf8')))
const byMajor = [...list.releases].sort((a, b) => b.major - a.major)
const pinned = pkg.devDependencies?.['electron'] ?? pkg.dependencies?.['electron'] ?? ''

describe('Electron currency (checklist row 16)', () => {
  it('package.json pins one exact Electron version', () => {
    expect(pinned, 'electron in package.json').toMatch(/^\d+\.\d+\.\d+$/)
  })

  it("package.json's Electron major is among the newest three in electron-releases.json", () => {
    const major = Number(pinned.split('.')[0])
    const supported = byMajor.slice(0, list.supportedMajors).map((r) => r.major)
    expect(
      supported,
      `Electron ${major} is no longer supported (supported: ${supported.join(', ')}): upgrade electron`,
    ).toContain(major)
  })

  it('the installed Electron is the pinned one', () => {
    const installed = path.join(ROOT, 'node_modules/electron/package.json')
    expect(existsSync(installed), 'node_modules/electron is missing: npm ci').toBe(true)
    expect(JSON.parse(readFileSync(installed, 'utf8')).version).toBe(pinned)
  })

  it('electron-releases.json is consistent: one entry per major, later majors shipped later', () => {
    const majors = byMajor.map((r) => r.major)
    expect(new Set(majors).size).toBe(majors.length)
    for (const r of byMajor) expect(Number.isNaN(Date.parse(r.stable)), r.stable).toBe(false)
    for (let i = 1; i < byMajor.length; i++)
      expect(Date.parse(byMajor[i - 1]!.stable)).toBeGreaterThan(Date.parse(byMajor[i]!.stable))
    expect(list.supportedMajors).toBe(SUPPORTED_MAJORS)
  })

  it('electron-releases.json is what the update script writes from its own data (no hand edits)', () => {
    const times = Object.fromEntries(list.releases.map((r) => [`${r.major}.0.0`, `${r.stable}T12:00:00Z`]))
    expect(format(releasesFromNpmTimes(times, list.updated))).toBe(
      readFileSync(path.join(ROOT, 'electron-releases.json'), 'utf8'),
    )
  })
})

describe('scripts/update-electron-releases.mjs', () => {
  const registry = {
    created: '2015-01-01T00:00:00Z',
    modified: '2026-11-30T00:00:00Z',
    '41.0.0': '2026-03-11T00:00:00Z',
    '42.0.0': '2026-09-01T00:00:00Z', // re-published by a mirror: the list stops above it
    '43.0.0': '2026-07-01T03:00:00+00:00',
    '43.0.0-beta.1': '2026-05-01T00:00:00Z',
    '44.0.0': '2026-08-25T23:30:00-02:00',
    '44.1.0': '2026-09-20T00:00:00Z',
    '45.0.0': '2026-10-21T06:03:52+00:00',
    '46.0.0-alpha.1': '2026-11-01T00:00:00Z',
  }

  it('takes each published x.0.0 with its day (UTC), newest first, not pre-releases, later patches or re-published majors', () => {
    expect(releasesFromNpmTimes(registry, '2026-12-01')).toMatchObject({
      updated: '2026-12-01',
      supportedMajors: 3,
      releases: [
        { major: 45, stable: '2026-10-21' },
        { major: 44, stable: '2026-08-26' },
        { major: 43, stable: '2026-07-01' },
      ],
    })
  })

  it('when a new major ships, the data moves the pinned major out of support: that is what fails the check', () => {
    const later = { ...registry, '46.0.0': '2026-12-16T00:00:00Z', '47.0.0': '2027-02-10T00:00:00Z' }
    const supported = releasesFromNpmTimes(later, '2027-02-11')
      .releases.slice(0, 3)
      .map((r) => r.major)
    expect(supported).toEqual([47, 46, 45])
    expect(
      releasesFromNpmTimes({ ...later, '48.0.0': '2027-04-07T00:00:00Z' }, 'x').releases.slice(0, 3),
    ).not.toContainEqual(expect.objectContaining({ major: 45 }))
  })

  it('refuses registry data with fewer majors than Electron supports', () => {
    expect(() => releasesFromNpmTimes({ '45.0.0': '2026-10-21T00:00:00Z' }, 'x')).toThrow(/only 1/)
  })
})
