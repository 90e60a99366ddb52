// `node scripts/update-electron-releases.mjs`: rewrites electron-releases.json from the npm registry's release
// dates for `electron` (`npm view electron time --json`): each major whose x.0.0 has shipped, with that day.
// test/unit/electron-currency.test.ts then checks the pinned Electron against the newest three majors in the file,
// never against today's date, so the test only changes its verdict when this script (or a person) changes the data.
// Run it when Electron ships a major (every 8 weeks) and commit the result; see docs/maintaining.md.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const RELEASES_FILE = path.join(root, 'electron-releases.json')

/** Electron's support policy: the newest three stable majors get fixes. */
export const SUPPORTED_MAJORS = 3

const DESCRIPTION =
  'Stable Electron majors and the day each x.0.0 shipped, from the npm registry. Electron supports the newest ' +
  'three majors; test/unit/electron-currency.test.ts fails when the electron version in package.json is not among ' +
  'them. Regenerate with `node scripts/update-electron-releases.mjs` (docs/maintaining.md); do not edit by hand.'

/**
 * The file's content from the registry's `time` object (`{ "45.0.0": "2026-10-21T06:03:52+00:00", … }`): one
 * entry per major whose x.0.0 is published (pre-releases and patch releases are not a major shipping), newest first.
 * `updated` is the day the script ran, for people to read; no test compares it with the clock.
 */
export function releasesFromNpmTimes(times, updated) {
  const releases = []
  for (const [version, when] of Object.entries(times)) {
    const match = /^(\d+)\.0\.0$/.exec(version)
    if (!match || typeof when !== 'string' || Number.isNaN(Date.parse(when))) continue
    releases.push({ major: Number(match[1]), stable: new Date(when).toISOString().slice(0, 10) })
  }
  releases.sort((a, b) => b.major - a.major)
  // Some registries re-publish old versions and report that day (Electron 6.0.0 "published" in 2024): going down
  // from the newest major, keep majors only while each shipped before the one above it.
  const end = releases.findIndex((r, i) => i > 0 && r.stable >= releases[i - 1].stable)
  if (end !== -1) releases.length = end
  if (releases.length < SUPPORTED_MAJORS)
    throw new Error(`only ${releases.length} Electron majors in the registry`)
  return { description: DESCRIPTION, updated, supportedMajors: SUPPORTED_MAJORS, releases }
}

/** One release per line, as the file has always been laid out (and as Prettier leaves it). */
export function format(data) {
  const { releases, ...rest } = data
  const head = JSON.stringify(rest, null, 2).slice(0, -2)
  const lines = releases.map((r) => `    { "major": ${r.major}, "stable": "${r.stable}" }`)
  return `${head},\n  "releases": [\n${lines.join(',\n')}\n  ]\n}\n`
}

function main() {
  const times = JSON.parse(execFileSync('npm', ['view', 'electron', 'time', '--json'], { encoding: 'utf8' }))
  const data = releasesFromNpmTimes(times, new Date().toISOString().slice(0, 10))
  writeFileSync(RELEASES_FILE, format(data))
  const newest = data.releases.slice(0, SUPPORTED_MAJORS)
  console.log(
    `electron-releases.json: ${data.releases.length} majors; supported now: ${newest.map((r) => `${r.major} (${r.stable})`).join(', ')}`,
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main()
