/**
 * Checklist row 15: the only way out of the app to the OS. A URL is opened only if it is `https:` to a host the
 * app is configured for, or `mailto:`. Everything else (file:, smb:, UNC paths, ms-msdt:, search-ms:,
 * ms-officecmd:, javascript:, data:, custom schemes, whitespace and case tricks) is refused.
 */
export function isAllowedExternalUrl(raw: unknown, allowedHosts: readonly string[]): boolean {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return false
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (raw !== raw.trim() || /[\s\\\u0000-\u001f\u007f]/.test(raw)) return false
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.protocol === 'mailto:') return /^mailto:[^/?#@]+@[^/?#@]+$/i.test(raw)
  if (url.protocol !== 'https:') return false
  if (url.username || url.password) return false
  const host = url.hostname.toLowerCase()
  return allowedHosts.some((h) => h.toLowerCase() === host)
}

export function createOpenExternal(
  open: (url: string) => Promise<void>,
  allowedHosts: () => readonly string[],
): (url: string) => Promise<boolean> {
  return async (url) => {
    if (!isAllowedExternalUrl(url, allowedHosts())) return false
    await open(url)
    return true
  }
}
