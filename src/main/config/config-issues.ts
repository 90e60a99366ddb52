import type { z } from 'zod'

/**
 * Turns zod's issues into lines an IT person can act on: where in the file (`servers[1].baseUrl`) and what is
 * wrong. Used for branding.json and the managed policy file, which are written by hand.
 */

export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? String(part) : `.${String(part)}`
  }
  return out
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ')
    return `unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${keys} (check the spelling; see docs/deploying.md for the fields)`
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required'
  return issue.message
}

/** One line per issue, at most `max` lines (then "and N more"). */
export function formatIssues(error: z.ZodError, max = 8): string[] {
  const lines = error.issues.slice(0, max).map((issue) => {
    const where = formatIssuePath(issue.path)
    return where ? `${where}: ${describeIssue(issue)}` : describeIssue(issue)
  })
  if (error.issues.length > max) lines.push(`and ${error.issues.length - max} more`)
  return lines
}

/** Parses JSON text as written by people and editors: a UTF-8 byte order mark (Windows Notepad) is fine. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (body.trim() === '') return { ok: false, problem: 'the file is empty' }
  try {
    return { ok: true, value: JSON.parse(body) as unknown }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return { ok: false, problem: `it is not valid JSON (${detail})` }
  }
}
