import type { Diagnostics } from '../../shared/contract'

/**
 * The About / diagnostics text IT asks for: versions, OS, where the policy came from, the configured servers
 * (origins only: no path, query or user info), the secret-storage mode and the last log lines. Nothing secret
 * can be in it: the log lines went through the logger's redaction before they were kept, and nothing else here
 * comes from a user, a server answer or a link.
 */
export interface DiagnosticsInput {
  appName: string
  version: string
  shell: 'electron' | 'browser-shell'
  runtime: Record<string, string | undefined>
  os: string
  /** The policy file in force, or null when none applies; `lookedIn` is where the app looks for one. */
  policy: { inForce: string | null; lookedIn: string | null }
  serverUrls: string[]
  secretStorage: 'encrypted' | 'memory-only'
  logFile: string | null
  recentLog: string[]
}

export const originOf = (url: string): string => {
  try {
    const origin = new URL(url).origin
    return origin === 'null' ? '(not a web address)' : origin
  } catch {
    return '(not a web address)'
  }
}

export function buildDiagnostics(input: DiagnosticsInput): Diagnostics {
  const runtime = Object.entries(input.runtime)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')
  const servers = [...new Set(input.serverUrls.map(originOf))]
  const lines = [
    `${input.appName} ${input.version} (${input.shell})`,
    `Runtime: ${runtime}`,
    `OS: ${input.os}`,
    `Policy: ${input.policy.inForce ?? `none${input.policy.lookedIn ? ` (looked in ${input.policy.lookedIn})` : ''}`}`,
    `Servers: ${servers.length > 0 ? servers.join(', ') : 'none'}`,
    `Secret storage: ${input.secretStorage}`,
    `Log file: ${input.logFile ?? 'none (logs go to the console only)'}`,
    '',
    `Last ${input.recentLog.length} log lines:`,
    ...input.recentLog,
  ]
  return { text: lines.join('\n'), logFile: input.logFile }
}
