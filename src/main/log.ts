/**
 * The app's one logger. Every line goes through `redact`, so a password, a reset token, a session token or a
 * reset link never reaches a sink, whatever a caller passes by mistake.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Record<string, unknown>
export type LogSink = (line: string) => void

export interface Logger {
  debug(event: string, fields?: LogFields): void
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
  error(event: string, fields?: LogFields): void
}

export const REDACTED = '[redacted]'

/** An object key whose value is never logged, whatever it holds. */
const SECRET_KEY = /pass(word)?|token|secret|auth|cookie|session|csrf|uid|^url$|link|key/i

/** A name that introduces a secret inside text: a form field, a JSON key, a query parameter, a cookie. */
const SECRET_NAME = String.raw`[\w-]*(?:pass(?:word)?|passwd|token|secret|session\w*|csrf\w*|uid|api[_-]?key)[\w-]*`
/** What joins a name to its value: `=`, `:`, `": "`, `\":\"` (JSON inside a string), `%3D` (URL-encoded). */
const QUOTE = String.raw`(?:\\?["']|%22)`
const JOIN = String.raw`${QUOTE}?\s*(?:[:=]|%3[ad])\s*`
/** Not already redacted: keeps each rule idempotent. */
const FRESH = String.raw`(?!\s*\[redacted\])`
/** A value: quoted (plain JSON, JSON inside a string, single quotes, URL-encoded quotes, so spaces stay inside) or bare. */
const VALUE = String.raw`(?:\\"(?:[^\\]|\\[^"])*?\\"|"(?:[^"\\]|\\.)*"|'[^']*'|%22.*?%22|${FRESH}[^\s"'\\&;,}\]<>]+)`

/** The shapes a secret takes inside text. Each replaces the secret and keeps the name it came under. */
const SECRET_PATTERNS: [RegExp, string][] = [
  // `Authorization: Token 0123…`, `"authorization":"Bearer …"`: the scheme and its credentials.
  [
    new RegExp(
      String.raw`\b((?:proxy-)?authorization${JOIN}${QUOTE}?)(?:(?:bearer|token|basic|digest|jwt)(?:\s|%20|\+)+)?${FRESH}[^\s"'\\,;&]+`,
      'gi',
    ),
    `$1${REDACTED}`,
  ],
  // `Cookie: a=1; b=2`, `Set-Cookie: sessionid=…; Path=/`: every cookie on the header.
  [new RegExp(String.raw`\b((?:set-)?cookie${JOIN}${QUOTE}?)${FRESH}[^\r\n"\\]+`, 'gi'), `$1${REDACTED}`],
  // `password=…`, `"new_password": "…"`, `sessionid=…`, `token%3D…`: a named secret's value.
  [new RegExp(String.raw`\b(${SECRET_NAME}${JOIN})${VALUE}`, 'gi'), `$1${REDACTED}`],
  // Any URL, plain, JSON-escaped (`https:\/\/…`) or URL-encoded (`https%3A%2F%2F…`): reset links carry tokens.
  [/[a-z][a-z0-9+.-]*(?::|%3a)(?:\/|\\\/|%2f){2}[^\s"'<>]*/gi, REDACTED],
  // A Django reset token (`<base36>-<hex>`) wherever it stands.
  [/[0-9a-z]{1,13}-[0-9a-f]{20,64}/gi, REDACTED],
  // A DRF session token (40 hex).
  [/\b[0-9a-f]{40}\b/gi, REDACTED],
]

/**
 * What every one of SECRET_PATTERNS needs in order to match: a name it keys on, a scheme's colon (plain or
 * URL-encoded), or a run of 20 hex digits (reset and session tokens). Text without any of them is left as it is
 * without running the patterns: most log text (event and operation names, error kinds) is such text, and each
 * operation logs a line.
 */
const MAY_HOLD_SECRET = /pass|token|secret|session|csrf|uid|api|authorization|cookie|:|%3a|[0-9a-f]{20}/i

export function redactText(text: string): string {
  return MAY_HOLD_SECRET.test(text) ? applySecretPatterns(text) : text
}

/** redactText without its shortcut: every pattern, on any text (the tests hold the two to the same results). */
export function applySecretPatterns(text: string): string {
  let out = text
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement)
  return out
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 4) return REDACTED
  if (typeof value === 'string') return redactText(value)
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return value
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) }
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redact(v, depth + 1))
  // Bytes (a Buffer holding a password, say) would otherwise be logged as one number per byte.
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return REDACTED
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // A key can be a secret too (a map keyed by reset link).
      out[redactText(k)] = SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1)
    }
    return out
  }
  return REDACTED
}

export function createLogger(
  sink: LogSink,
  minLevel: LogLevel = 'info',
  now: () => Date = () => new Date(),
): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error']
  const write = (level: LogLevel, event: string, fields?: LogFields) => {
    if (order.indexOf(level) < order.indexOf(minLevel)) return
    const line = {
      time: now().toISOString(),
      level,
      event: redactText(event),
      ...(fields ? (redact(fields) as object) : {}),
    }
    sink(JSON.stringify(line))
  }
  return {
    debug: (e, f) => write('debug', e, f),
    info: (e, f) => write('info', e, f),
    warn: (e, f) => write('warn', e, f),
    error: (e, f) => write('error', e, f),
  }
}

/** For tests and for code paths that must not log. */
export const silentLogger: Logger = createLogger(() => {}, 'error')
