/**
 * Finding the link in a command line (Windows and Linux cold start, `second-instance`).
 *
 * argv is attack surface (CVE-2018-1000006, the Teams `--gpu-launcher=` chain): the link is never taken by
 * position. It is the one argument that *starts* with `<scheme>:`; Chromium switches, the `--` guard, the app path
 * and anything else are ignored, so `--gpu-launcher=accountdesk://…` or `--x --accountdesk://…` never yield a
 * link. Two or more candidates are refused rather than guessed between.
 */
export type ArgvLink = { ok: true; url: string } | { ok: false; reason: 'none' | 'several' }

export function findLinkInArgv(argv: readonly unknown[], schemes: readonly string[]): ArgvLink {
  if (!Array.isArray(argv)) return { ok: false, reason: 'none' }
  const prefixes = schemes
    .filter((s) => typeof s === 'string' && s.length > 0)
    .map((s) => `${s.toLowerCase()}:`)
  if (prefixes.length === 0) return { ok: false, reason: 'none' }
  const found: string[] = []
  for (const arg of argv) {
    if (typeof arg !== 'string') continue
    const head = arg.slice(0, 100).toLowerCase()
    if (prefixes.some((p) => head.startsWith(p))) found.push(arg)
  }
  if (found.length === 0) return { ok: false, reason: 'none' }
  if (found.length > 1) return { ok: false, reason: 'several' }
  return { ok: true, url: found[0] as string }
}

/**
 * The switches of a command line (`--demo`, …): only the arguments before the `--` guard, and never one after
 * an argument that is a link (a URL of any scheme). What follows `--` or a link is what the OS or a launcher
 * put there from a link, so a crafted link that breaks out of its quotes (`accountdesk://x" --demo "`) cannot
 * switch anything on. Every switch the app reads comes from here.
 */
export function switchesOf(argv: readonly unknown[]): string[] {
  const switches: string[] = []
  if (!Array.isArray(argv)) return switches
  for (const arg of argv) {
    if (typeof arg !== 'string') continue
    if (arg === '--' || /^[a-z][a-z0-9+.-]+:/i.test(arg)) break
    if (arg.startsWith('-')) switches.push(arg)
  }
  return switches
}
