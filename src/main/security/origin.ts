import { APP_ORIGIN } from '../../shared/app'

/**
 * Is `url` the app's own renderer? Compared on the parsed origin, never on a string prefix, so
 * `app://account-desk.evil.com`, `app://account-desk@evil`, `javascript:` and `file:` all fail.
 * `devServerUrl` is electron-vite's dev server, allowed only when the shell is in development.
 */
export function isAppOrigin(url: string | undefined | null, devServerUrl?: string): boolean {
  if (!url) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.username || parsed.password) return false
  if (`${parsed.protocol}//${parsed.host}` === APP_ORIGIN) return true
  if (devServerUrl) {
    try {
      return parsed.origin === new URL(devServerUrl).origin && parsed.origin !== 'null'
    } catch {
      return false
    }
  }
  return false
}
