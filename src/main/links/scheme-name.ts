/**
 * The app's URL scheme name is written into the Windows registry, the Linux desktop entry and Info.plist, and it
 * is configurable per organisation. So it is validated before anything registers it (Electron PR #50141: a scheme
 * name that reached a registry path unchecked).
 */

/** RFC 3986 §3.1 `scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`, lowercase only. */
const SCHEME_NAME = /^[a-z][a-z0-9+.-]*$/
export const MAX_SCHEME_LENGTH = 64

/** Schemes that belong to browsers, the OS or the app itself: claiming one would hijack or break it. */
const RESERVED_SCHEMES = new Set([
  'about',
  'app',
  'blob',
  'chrome',
  'chrome-extension',
  'data',
  'devtools',
  'file',
  'filesystem',
  'ftp',
  'http',
  'https',
  'javascript',
  'mailto',
  'ms-settings',
  'tel',
  'view-source',
  'ws',
  'wss',
])

/** Why `name` cannot be the app's scheme, or null when it can. */
export function schemeNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'The URL scheme name is empty.'
  if (name.length < 2 || name.length > MAX_SCHEME_LENGTH)
    return `The URL scheme name must be 2 to ${MAX_SCHEME_LENGTH} characters long.`
  if (!SCHEME_NAME.test(name))
    return 'The URL scheme name must start with a lowercase letter and hold only lowercase letters, digits, "+", "-" and ".".'
  if (RESERVED_SCHEMES.has(name)) return `The URL scheme "${name}" belongs to the browser or the system.`
  return null
}

export const isValidSchemeName = (name: unknown): name is string => schemeNameProblem(name) === null
