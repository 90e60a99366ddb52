/**
 * Checklist row 15: the only way out of the app to the OS. A URL is opened only if it is `https:` to a host the
 * app is configured for, or `mailto:`. Everything else (file:, smb:, UNC paths, ms-msdt:, search-ms:,
 * ms-officecmd:, javascript:, data:, custom schemes, whitespace and case tricks) is refused.
 */

/** The URL if it has a shape the app may ever hand to the OS (https without credentials, or a plain mailto). */
function safeExternalShape(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return null
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (raw !== raw.trim() || /[\s\\\u0000-\u001f\u007f]/.test(raw)) return null
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  if (url.protocol === 'mailto:') return /^mailto:[^/?#@]+@[^/?#@]+$/i.test(raw) ? url : null
  if (url.protocol !== 'https:') return null
  if (url.username || url.password) return null
  return url
}

export function isAllowedExternalUrl(raw: unknown, allowedHosts: readonly string[]): boolean {
  const url = safeExternalShape(raw)
  if (!url) return false
  if (url.protocol === 'mailto:') return true
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

/** The part of Electron's `shell` this module uses. */
export interface SystemShellLike {
  openExternal(url: string): Promise<void>
}

/**
 * The app's one call to the OS opener (Electron's `shell.openExternal`). Whatever opens a URL outside (today: a
 * server's sign-in page, services/website-sign-in.ts) goes through `createOpenExternal(createSystemOpener(shell),
 * hosts)`, which adds the host allowlist. Whatever its caller checked, it refuses every URL that is not https (without credentials) or a plain mailto, so a dangerous
 * scheme cannot reach the OS even through a bug upstream.
 */
export function createSystemOpener(shell: SystemShellLike): (url: string) => Promise<void> {
  return async (url) => {
    if (!safeExternalShape(url)) throw new Error('Account Desk does not open this kind of link.')
    await shell.openExternal(url) // eng-disable OPEN_EXTERNAL_JS_CHECK -- the one opener, after the shape check
  }
}
