import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'

/** Used when the tree is not a git checkout (a release tarball): still the same seed every run. */
const NO_COMMIT_SEED = 20261202

/**
 * A fuzz seed that is fixed for a commit, so a red CI run replays exactly on a developer's machine, and still
 * moves from commit to commit, so the fuzz explores new inputs over time. `envName` overrides it (the seed is
 * printed with every fuzz report, to paste back in).
 */
export function fuzzSeed(envName: string): number {
  const override = process.env[envName]
  if (override !== undefined && override !== '') {
    const seed = Number(override)
    if (!Number.isSafeInteger(seed)) throw new Error(`${envName} must be an integer, not "${override}"`)
    return seed
  }
  let commit: string
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
  } catch {
    return NO_COMMIT_SEED
  }
  return createHash('sha256').update(commit.trim()).digest().readUInt32BE(0) & 0x7fffffff
}

/** How many runs a fuzz makes: `FUZZ_SCALE` (0–1) shrinks them for mutation testing, which reruns each test. */
export function fuzzRuns(runs: number): number {
  const scale = Number(process.env['FUZZ_SCALE'] ?? 1)
  if (!(scale > 0 && scale <= 1))
    throw new Error(`FUZZ_SCALE must be in (0, 1], not "${process.env['FUZZ_SCALE']}"`)
  return Math.max(1, Math.round(runs * scale))
}
