// Types for the pure helpers of scripts/electronegativity-gate.mjs, used by its unit test.
export interface Suppression {
  file: string
  line: number
  ids: string[]
  reason: string
  fileWide: boolean
  problem: string | null
}
export interface Finding {
  id: string
  file: string
  line: number
}
export const INPUT: string
export const EXCLUDED_CHECKS: Record<string, string>
export const SCANNED_EXTENSIONS: string[]
export const CANARY: Record<string, string>
export const CANARY_EXPECTED: string[]
export function findSuppressions(text: string, file: string): Suppression[]
export function normalizeCheckName(name: string): string
export function covers(suppression: Suppression, finding: Finding): boolean
export function readSarif(text: string): (Finding & { message: string })[]
