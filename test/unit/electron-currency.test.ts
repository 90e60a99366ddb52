import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

/**
 * Checklist row 16: the app ships a supported Electron, i.e. a major among the newest three. The list of majors
 * is electron-releases.json in the repository, updated when Electron ships a major; a list left behind for longer
 * than Electron's release cycle fails too, so this test cannot pass forever on a stale list.
 */
const ROOT = path.resolve(import.meta.dirname, '../..')
const DAY = 86_400_000
/** Electron ships a major every 8 weeks; around the year end a cycle has run to 11. */
const STALE_AFTER_DAYS = 13 * 7

const releasesSchema = z.object({
  description: z.string(),
  supportedMajors: z.number().int().min(1),
  releases: z
    .array(
      z.object({ major: z.number().int().min(1), stable: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).strict(),
    )
    .min(3),
})

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

  it('electron-releases.json is consistent: one entry per major, later majors shipped later, none in the future', () => {
    const majors = byMajor.map((r) => r.major)
    expect(new Set(majors).size).toBe(majors.length)
    for (const r of byMajor) expect(Number.isNaN(Date.parse(r.stable)), r.stable).toBe(false)
    for (let i = 1; i < byMajor.length; i++)
      expect(Date.parse(byMajor[i - 1]!.stable)).toBeGreaterThan(Date.parse(byMajor[i]!.stable))
    expect(Date.parse(byMajor[0]!.stable)).toBeLessThanOrEqual(Date.now() + DAY)
  })

  it('electron-releases.json has been updated within one Electron release cycle', () => {
    const newest = byMajor[0]!
    const ageDays = Math.floor((Date.now() - Date.parse(newest.stable)) / DAY)
    expect(
      ageDays,
      `The newest major in electron-releases.json (${newest.major}, ${newest.stable}) is ${ageDays} days old; ` +
        'Electron has most likely shipped another since. Add it (see the file) and check the pinned major.',
    ).toBeLessThanOrEqual(STALE_AFTER_DAYS)
  })
})
