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
