/**
 * A small cookie jar for one server (one origin): enough for Django's `csrftoken` and `sessionid`. Domain is
 * ignored because every request of an adapter goes to its own server; Path, Max-Age, Expires and Secure are
 * honoured. It serialises to plain data so a signed-in session can be stored.
 */
export interface StoredCookie {
  name: string
  value: string
  path: string
  /** Milliseconds since the epoch; absent for a session cookie. */
  expiresAt?: number
  secure?: boolean
}

export function parseSetCookie(header: string, nowMs: number): StoredCookie | null {
  const [pair, ...attributes] = header.split(';')
  if (!pair) return null
  const eq = pair.indexOf('=')
  if (eq <= 0) return null
  const name = pair.slice(0, eq).trim()
  let value = pair.slice(eq + 1).trim()
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1)
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return null
  const cookie: StoredCookie = { name, value, path: '/' }
  let maxAge: number | undefined
  for (const attribute of attributes) {
    const i = attribute.indexOf('=')
    const key = (i < 0 ? attribute : attribute.slice(0, i)).trim().toLowerCase()
    const val = i < 0 ? '' : attribute.slice(i + 1).trim()
    if (key === 'path' && val.startsWith('/')) cookie.path = val
    else if (key === 'secure') cookie.secure = true
    else if (key === 'max-age' && /^-?\d+$/.test(val)) maxAge = Number(val)
    else if (key === 'expires' && cookie.expiresAt === undefined) {
      const at = Date.parse(val)
      if (Number.isFinite(at)) cookie.expiresAt = at
    }
  }
  if (maxAge !== undefined) cookie.expiresAt = nowMs + maxAge * 1000
  return cookie
}

const pathMatches = (cookiePath: string, requestPath: string) =>
  requestPath === cookiePath ||
  (requestPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'))

export class CookieJar {
  private cookies = new Map<string, StoredCookie>()

  constructor(
    initial: readonly StoredCookie[] = [],
    private readonly now: () => number = Date.now,
  ) {
    for (const cookie of initial) this.cookies.set(cookie.name, { ...cookie })
  }

  /** Takes the Set-Cookie headers of a response to `requestUrl`. */
  store(setCookieHeaders: readonly string[]): void {
    const now = this.now()
    for (const header of setCookieHeaders) {
      const cookie = parseSetCookie(header, now)
      if (!cookie) continue
      if (cookie.expiresAt !== undefined && cookie.expiresAt <= now) this.cookies.delete(cookie.name)
      else this.cookies.set(cookie.name, cookie)
    }
  }

  /** The Cookie header for a request, or undefined when nothing applies. */
  headerFor(url: string): string | undefined {
    const target = new URL(url)
    const now = this.now()
    const parts: string[] = []
    for (const cookie of this.cookies.values()) {
      if (cookie.expiresAt !== undefined && cookie.expiresAt <= now) continue
      if (cookie.secure && target.protocol !== 'https:') continue
      if (!pathMatches(cookie.path, target.pathname)) continue
      parts.push(`${cookie.name}=${cookie.value}`)
    }
    return parts.length > 0 ? parts.join('; ') : undefined
  }

  get(name: string): string | undefined {
    const cookie = this.cookies.get(name)
    if (!cookie) return undefined
    if (cookie.expiresAt !== undefined && cookie.expiresAt <= this.now()) return undefined
    return cookie.value
  }

  /** Live cookies only. */
  toJSON(): StoredCookie[] {
    const now = this.now()
    return [...this.cookies.values()]
      .filter((c) => c.expiresAt === undefined || c.expiresAt > now)
      .map((c) => ({ ...c }))
  }
}
