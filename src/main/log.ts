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

const SECRET_KEY = /pass(word)?|token|secret|auth|cookie|session|csrf|uid|^url$|link|key/i
/** A Django reset token (`<base36>-<hex>`), a 40-hex DRF token, any URL path under a reset route. */
const SECRET_PATTERNS: RegExp[] = [
  /[0-9a-z]{1,13}-[0-9a-f]{20,64}/g,
  /\b[0-9a-f]{40}\b/gi,
  /([a-z][a-z0-9+.-]*:\/\/[^\s"'<>]*)/gi,
]

export const REDACTED = '[redacted]'

export function redactText(text: string): string {
  let out = text
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, REDACTED)
  return out
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 4) return REDACTED
  if (typeof value === 'string') return redactText(value)
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return value
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) }
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redact(v, depth + 1))
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1)
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
