/**
 * The reset-link parser: the one place that decides whether a string from the OS, the command line, the clipboard
 * or the demo mailbox is a password-reset link for one of the configured servers. Pure, and it never throws.
 *
 * Accepted, and nothing else:
 *   <app scheme>://<server host[:port]>/<server base path>/<confirm pattern with uid and token>
 *   https://<same>      (a pasted link, or a mail that links to the server's web page)
 *   http://<same>       only when the server is on this computer (loopback)
 *
 * Rules (see docs/reset-links.md): at most 2,048 characters; no user info, no query, no fragment, no
 * percent-encoding, no backslashes, whitespace or non-ASCII characters; host and port equal, as written, a
 * configured server's; the path equals the server's confirm pattern exactly (no extra, empty or dot segments);
 * uid is base64url (≤ 64), token is Django's `<base36 seconds>-<hex>`.
 *
 * Failures are codes (worded by the renderer) that never carry any part of the input, so they can hold neither
 * the token nor text an attacker chose.
 */
import type { AppMessage } from '../../shared/messages'
import { isLoopbackHost, type ServerProfile } from '../../shared/profile'
import { isValidSchemeName } from './scheme-name'

export const MAX_LINK_LENGTH = 2048
export const UID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
export const TOKEN_PATTERN = /^[0-9a-z]{1,13}-[0-9a-f]{20,64}$/

export type LinkRefusalReason =
  | 'not-a-url'
  | 'too-long'
  | 'unsupported-scheme'
  | 'insecure-scheme'
  | 'no-host'
  | 'has-credentials'
  | 'has-query-or-fragment'
  | 'encoded-characters'
  | 'bad-characters'
  | 'unknown-server'
  | 'wrong-path'
  | 'malformed-uid'
  | 'malformed-token'

export type ParsedResetLink = {
  ok: true
  serverId: string
  /** Django's `uidb64`. Not secret on its own, but never logged either. */
  uid: string
  /** The secret. Stays in main; never logged, never sent to the renderer. */
  token: string
  /** When the server issued the link (token timestamp read as UTC), or null when it is implausible. */
  issuedAt: Date | null
}
export type RefusedLink = { ok: false; reason: LinkRefusalReason; message: AppMessage }
export type ParsedLink = ParsedResetLink | RefusedLink

/** What the parser needs of a server profile. */
export type LinkServer = Pick<ServerProfile, 'id' | 'baseUrl' | 'confirmPath'>
export interface LinkParseContext {
  /** The app's own scheme, e.g. `accountdesk`. Links with it are accepted only if it is a valid scheme name. */
  scheme: string
  servers: readonly LinkServer[]
}

/** Why a link was refused, as a code the renderer words. */
export function refusalMessage(reason: LinkRefusalReason, scheme?: string): AppMessage {
  switch (reason) {
    case 'too-long':
      return { code: 'link.refused.too-long', max: MAX_LINK_LENGTH }
    case 'unsupported-scheme':
      return scheme && isValidSchemeName(scheme)
        ? { code: 'link.refused.unsupported-scheme', scheme }
        : { code: 'link.refused.unsupported-scheme' }
    default:
      return { code: `link.refused.${reason}` }
  }
}

const refuse = (reason: LinkRefusalReason, scheme?: string): RefusedLink => ({
  ok: false,
  reason,
  message: refusalMessage(reason, scheme),
})

/** Django's epoch for reset tokens: 2001-01-01 00:00:00 (server-local; read as UTC here). */
const TOKEN_EPOCH_MS = Date.UTC(2001, 0, 1)
const PLAUSIBLE_FROM_MS = Date.UTC(2010, 0, 1)
const PLAUSIBLE_UNTIL_MS = Date.UTC(2100, 0, 1)

/** The issue time in a Django reset token, or null when it is not a plausible date (2010–2099). */
export function tokenIssuedAt(token: string): Date | null {
  const dash = token.indexOf('-')
  const ts = token.slice(0, dash)
  if (dash < 1 || !/^[0-9a-z]{1,13}$/.test(ts)) return null
  const seconds = parseInt(ts, 36)
  if (!Number.isSafeInteger(seconds)) return null
  const ms = TOKEN_EPOCH_MS + seconds * 1000
  if (ms < PLAUSIBLE_FROM_MS || ms >= PLAUSIBLE_UNTIL_MS) return null
  return new Date(ms)
}

/** `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )` then `:` */
const SCHEME_PREFIX = /^[A-Za-z][A-Za-z0-9+.-]*$/
/** After `scheme:`, only these characters may appear (others get their own reasons first). */
const ALLOWED_REST = /^[A-Za-z0-9._~:/@[\]=-]*$/
/** A DNS name or an IPv4 address as written, or a bracketed IPv6 literal; an optional port without leading 0. */
const AUTHORITY =
  /^(?:(?<name>[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)|(?<ip6>\[[0-9a-f:.]{2,45}\]))(?::(?<port>[1-9][0-9]{0,4}))?$/
/**
 * The one trim rule for every link, handed over or pasted (docs/reset-links.md, "Trimming"): at either end, drop
 * every C0 or C1 control character, space, DEL, Unicode white space (what JavaScript's `trim()` drops: NBSP,
 * the en/em spaces, line and paragraph separators, ideographic space…), the byte-order mark and the zero-width
 * space. A paste or a mail client brings these; nothing inside the link is touched (inside, they are refused).
 */
const isEdge = (ch: string) => {
  const c = ch.charCodeAt(0)
  return c <= 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x200b || ch.trim() === ''
}
export function trimLinkEdges(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && isEdge(text.charAt(start))) start++
  while (end > start && isEdge(text.charAt(end - 1))) end--
  return text.slice(start, end)
}

interface ServerAddress {
  server: LinkServer
  hostname: string
  port: number
  portIsDefault: boolean
  loopback: boolean
  /** The base URL's path with one trailing slash: `/` or `/app/`. */
  basePath: string
  confirm: RegExp
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/**
 * `reset/{uid}/{token}` → /^reset\/([^/]*?)\/([^/]*)$/ with named groups; null for a pattern without both. The uid
 * is the shortest match, so allauth's `{uid}-{token}` splits at the first dash (its base36 uid has none; the
 * token's own dash stays in the token).
 */
function confirmRegExp(pattern: string): RegExp | null {
  const p = pattern.replace(/^\/+/, '')
  const parts = p.split(/(\{uid\}|\{token\})/)
  if (parts.filter((x) => x === '{uid}').length !== 1 || parts.filter((x) => x === '{token}').length !== 1)
    return null
  const source = parts
    .map((x) => (x === '{uid}' ? '(?<uid>[^/]*?)' : x === '{token}' ? '(?<token>[^/]*)' : escapeRegExp(x)))
    .join('')
  return new RegExp(`^${source}$`)
}

function addressOf(server: LinkServer): ServerAddress | null {
  try {
    if (typeof server.baseUrl !== 'string' || typeof server.confirmPath !== 'string') return null
    const url = new URL(server.baseUrl)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
    const confirm = confirmRegExp(server.confirmPath)
    if (!confirm) return null
    const defaultPort = url.protocol === 'https:' ? 443 : 80
    return {
      server,
      hostname: url.hostname.toLowerCase(),
      port: url.port ? Number(url.port) : defaultPort,
      portIsDefault: url.port === '',
      loopback: isLoopbackHost(url.hostname),
      basePath: url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`,
      confirm,
    }
  } catch {
    return null
  }
}

/** The host as the link wrote it, in the form a server's base URL has after `new URL()`. */
function canonicalLinkHost(name: string | undefined, ip6: string | undefined): string | null {
  if (name !== undefined) return name
  if (ip6 === undefined) return null
  try {
    return new URL(`http://${ip6}/`).hostname
  } catch {
    return null
  }
}

export function parseResetLink(input: unknown, ctx: LinkParseContext): ParsedLink {
  try {
    return parse(input, ctx)
  } catch {
    // Unreachable by design (the fuzz test holds it to that); a refusal is still the only safe answer.
    return refuse('not-a-url')
  }
}

function parse(input: unknown, ctx: LinkParseContext): ParsedLink {
  const appScheme = typeof ctx?.scheme === 'string' && isValidSchemeName(ctx.scheme) ? ctx.scheme : null
  if (typeof input !== 'string') return refuse('not-a-url', appScheme ?? undefined)
  if (input.length > MAX_LINK_LENGTH) return refuse('too-long', appScheme ?? undefined)
  const text = trimLinkEdges(input)
  const colon = text.indexOf(':')
  if (colon < 1 || !SCHEME_PREFIX.test(text.slice(0, colon)))
    return refuse('not-a-url', appScheme ?? undefined)

  const scheme = text.slice(0, colon).toLowerCase()
  const kind = scheme === 'https' ? 'https' : scheme === 'http' ? 'http' : scheme === appScheme ? 'app' : null
  if (!kind) return refuse('unsupported-scheme', appScheme ?? undefined)

  const rest = text.slice(colon + 1)
  if (/[?#]/.test(rest)) return refuse('has-query-or-fragment')
  if (rest.includes('%')) return refuse('encoded-characters')
  if (!ALLOWED_REST.test(rest)) return refuse('bad-characters')
  if (!rest.startsWith('//')) return refuse('no-host')
  const afterSlashes = rest.slice(2)
  const slash = afterSlashes.indexOf('/')
  const authority = slash < 0 ? afterSlashes : afterSlashes.slice(0, slash)
  const path = slash < 0 ? '' : afterSlashes.slice(slash)
  if (authority === '') return refuse('no-host')
  if (authority.includes('@')) return refuse('has-credentials')

  const match = AUTHORITY.exec(authority.toLowerCase())
  const host = match && canonicalLinkHost(match.groups?.name, match.groups?.ip6)
  if (!match || !host) return refuse('unknown-server')
  const rawPort = match.groups?.port
  const port = rawPort === undefined ? null : Number(rawPort)
  if (port !== null && port > 65535) return refuse('unknown-server')

  // The WHATWG parser must see the same thing we do: no credentials, query or fragment, and a path it did not
  // rewrite (it resolves `.`/`..` segments, which would let `/x/../reset/…` pass as `/reset/…`).
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return refuse('not-a-url')
  }
  if (url.username !== '' || url.password !== '') return refuse('has-credentials')
  if (url.search !== '' || url.hash !== '') return refuse('has-query-or-fragment')
  if (url.protocol !== `${scheme}:`) return refuse('not-a-url')

  const sameHost = ctx.servers
    .map(addressOf)
    .filter((a): a is ServerAddress => a !== null && a.hostname === host)
  const allowed = kind === 'http' ? sameHost.filter((a) => a.loopback) : sameHost
  if (sameHost.length > 0 && allowed.length === 0) return refuse('insecure-scheme')
  const candidates = allowed.filter((a) => {
    if (port !== null) return a.port === port
    if (kind === 'https') return a.port === 443
    if (kind === 'http') return a.port === 80
    return a.portIsDefault // the app scheme has no default port: the link names the port exactly when the server does
  })
  if (candidates.length === 0) return refuse('unknown-server')

  // `https://host` has the path `/` after parsing; an app-scheme URL keeps the empty path.
  if (url.pathname !== path && !(path === '' && url.pathname === '/')) return refuse('wrong-path')

  for (const address of candidates) {
    if (!path.startsWith(address.basePath)) continue
    const found = address.confirm.exec(path.slice(address.basePath.length))
    if (!found) continue
    const uid = found.groups?.uid ?? ''
    const token = found.groups?.token ?? ''
    if (!UID_PATTERN.test(uid)) return refuse('malformed-uid')
    if (!TOKEN_PATTERN.test(token)) return refuse('malformed-token')
    return { ok: true, serverId: address.server.id, uid, token, issuedAt: tokenIssuedAt(token) }
  }
  return refuse('wrong-path')
}
