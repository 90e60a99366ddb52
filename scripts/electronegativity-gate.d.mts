// Types of scripts/electronegativity-gate.mjs, for its test.
export const CANARY_EXPECTED: string[]
export function hasReason(line: string, html: boolean): boolean
export function gate(input: string): string[]
