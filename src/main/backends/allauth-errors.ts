import type { AppError, FieldErrors } from '../../shared/errors'
import { isRecord } from '../http/json'
import { RETRY_AFTER_DEFAULT_SECONDS } from '../http/retry-after'
import { withServerMessage } from '../http/status'
import { MESSAGES } from './messages'

/**
 * django-allauth's headless error answers (docs/server-protocol.md, "django-allauth"): a 400 with
 * `{"status": 400, "errors": [{"message", "code", "param"}]}`, one entry per message, `param` naming the input
 * it belongs to (none for the whole request). The messages are the server's, verbatim.
 */
export interface AllauthError {
  message: string
  code?: string
  param?: string
}

/** The entries of an allauth error answer; null when the body has no `errors` list with a message. */
export function allauthErrors(body: unknown): AllauthError[] | null {
  if (!isRecord(body) || !Array.isArray(body['errors'])) return null
  const errors: AllauthError[] = []
  for (const entry of body['errors']) {
    if (!isRecord(entry) || typeof entry['message'] !== 'string' || !entry['message'].trim()) continue
    errors.push({
      message: entry['message'],
      ...(typeof entry['code'] === 'string' ? { code: entry['code'] } : {}),
      ...(typeof entry['param'] === 'string' ? { param: entry['param'] } : {}),
    })
  }
  return errors.length > 0 ? errors : null
}

/** allauth's inputs → the app's form fields, per call. An input not listed keeps its name; none is `form`. */
export const ALLAUTH_FIELDS = {
  /** Whatever people sign in with goes in the sign-in form's one name field. */
  signIn: {
    username: 'username',
    email: 'username',
    phone: 'username',
    login: 'username',
    password: 'password',
  },
  change: { current_password: 'currentPassword', new_password: 'newPassword' },
  /** The new password of a reset is the reset form's `newPassword` (too common, too short, too similar…). */
  reset: { password: 'newPassword' },
  request: { email: 'email' },
} as const satisfies Record<string, Record<string, string>>
export type AllauthCall = keyof typeof ALLAUTH_FIELDS

/** Codes that say the user or password is wrong rather than a field's value badly formed. */
const WRONG_CREDENTIALS = new Set([
  'username_password_mismatch',
  'email_password_mismatch',
  'phone_password_mismatch',
  'incorrect_password',
])
/** allauth's rate limit on failed sign-ins answers 400, not 429; its period is the server's (5 in 300 s by default). */
const TOO_MANY_ATTEMPTS = 'too_many_login_attempts'
/** The reset key is wrong, used, expired or superseded. */
const INVALID_KEY = 'invalid_password_reset'

/**
 * One 400 answer of allauth as the app's error: coded failures that are not about a field's value (wrong
 * credentials, too many attempts, a dead reset key) become their kind; every other message goes, verbatim, on the
 * field its `param` names (renamed for the call), or on `form`.
 */
export function allauthError(errors: readonly AllauthError[], call: AllauthCall, serverId: string): AppError {
  const codes = new Set(errors.map((e) => e.code))
  if (codes.has(TOO_MANY_ATTEMPTS)) {
    const said = errors.find((e) => e.code === TOO_MANY_ATTEMPTS)?.message
    return {
      kind: 'rate-limited',
      message: { code: 'rate-limited', seconds: RETRY_AFTER_DEFAULT_SECONDS },
      ...withServerMessage(said),
      retryAfterSeconds: RETRY_AFTER_DEFAULT_SECONDS,
    }
  }
  if (call === 'signIn' && errors.some((e) => e.code && WRONG_CREDENTIALS.has(e.code))) {
    const said = errors.find((e) => e.code && WRONG_CREDENTIALS.has(e.code))?.message
    return {
      kind: 'auth',
      message: MESSAGES.wrongCredentials,
      ...withServerMessage(said),
      sessionExpired: false,
    }
  }
  // allauth checks the key before the password: a dead key comes alone.
  if (call === 'reset' && codes.has(INVALID_KEY))
    return { kind: 'link-invalid', reason: 'dead', message: MESSAGES.deadLink, serverId }
  const rename: Record<string, string> = ALLAUTH_FIELDS[call]
  const fields: FieldErrors = {}
  for (const { message, param } of errors) {
    const name = param ? (rename[param] ?? param) : 'form'
    fields[name] = [...(fields[name] ?? []), message]
  }
  return { kind: 'validation', message: MESSAGES.checkFields, fields }
}
