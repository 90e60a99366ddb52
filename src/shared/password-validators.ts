/**
 * Django's four default password validators (django/contrib/auth/password_validation.py, Django 3.2), ported
 * with Django's exact messages and in Django's default order (AUTH_PASSWORD_VALIDATORS of `startproject`):
 *
 *   1. UserAttributeSimilarityValidator (username, first name, last name, e-mail; max_similarity 0.7)
 *   2. MinimumLengthValidator (8)
 *   3. CommonPasswordValidator
 *   4. NumericPasswordValidator
 *
 * Pure: no Node or DOM API, so the renderer's live checklist can run the very same code. The common-password
 * list is passed in (see common-passwords.ts), so this file carries no data.
 *
 * Python semantics kept on purpose: lengths count code points (Python's `len`), `strip()` uses Python's
 * whitespace set, `isdigit()` accepts Python's digit characters (superscripts, circled digits, …), and the
 * attribute split is `re.split(r'\W+', …)` with Python's Unicode `\w`.
 */

export interface PasswordUser {
  username?: string | null
  first_name?: string | null
  last_name?: string | null
  email?: string | null
}

export interface PasswordPolicy {
  /** MinimumLengthValidator's min_length; 0 turns the check off. Default 8. */
  minLength?: number
  /** CommonPasswordValidator; default on. */
  notCommon?: boolean
  /** NumericPasswordValidator; default on. */
  notNumeric?: boolean
  /** UserAttributeSimilarityValidator; default on (it only runs when a user is given, as in Django). */
  notSimilar?: boolean
  /** Default 0.7, Django's. Django refuses values under 0.1. */
  maxSimilarity?: number
}

export type PasswordCheckId = 'similar' | 'length' | 'common' | 'numeric'

export interface PasswordCheck {
  id: PasswordCheckId
  /** Django's help text for the rule, e.g. "Your password can’t be entirely numeric." */
  helpText: string
  /** Whether the password passes the rule. `null` when the rule cannot be judged (similarity without a user). */
  ok: boolean | null
  /** Django's error message when the rule fails. */
  message?: string
}

/** Django's verbose names of the default attributes (what the message says). */
const ATTRIBUTES: ReadonlyArray<readonly [keyof PasswordUser, string]> = [
  ['username', 'username'],
  ['first_name', 'first name'],
  ['last_name', 'last name'],
  ['email', 'email address'],
]

/** Characters for which Python's `str.isspace()` is true (what `str.strip()` removes). */
const PY_SPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'gu')
/**
 * Python's `str.isdigit()`: decimal digits (Nd) plus the characters with Numeric_Type=Digit (superscripts,
 * subscripts, circled and parenthesised digits, …), taken from Python 3.11's unicodedata.
 */
const PY_DIGIT =
  /^[\p{Nd}\u{b2}-\u{b3}\u{b9}\u{1369}-\u{1371}\u{19da}\u{2070}\u{2074}-\u{2079}\u{2080}-\u{2089}\u{2460}-\u{2468}\u{2474}-\u{247c}\u{2488}-\u{2490}\u{24ea}\u{24f5}-\u{24fd}\u{24ff}\u{2776}-\u{277e}\u{2780}-\u{2788}\u{278a}-\u{2792}\u{10a40}-\u{10a43}\u{10e60}-\u{10e68}\u{11052}-\u{1105a}\u{1f100}-\u{1f10a}]+$/u
/** Python's `\W+` on str patterns (checked equal to Python 3.11's `\w` for every assigned code point). */
const PY_NON_WORD = /[^\p{L}\p{N}_]+/u

/** Python's `len()` on a str: code points, not UTF-16 units. */
export const pyLen = (s: string): number => {
  let n = 0
  for (const _ of s) n++
  return n
}
export const pyStrip = (s: string): string => s.replace(PY_STRIP, '')
export const pyIsDigit = (s: string): boolean => PY_DIGIT.test(s)

/** difflib.SequenceMatcher(a=a, b=b).quick_ratio(), on code points. */
export function quickRatio(a: string, b: string): number {
  const aChars = Array.from(a)
  const bChars = Array.from(b)
  const fullBCount = new Map<string, number>()
  for (const ch of bChars) fullBCount.set(ch, (fullBCount.get(ch) ?? 0) + 1)
  const avail = new Map<string, number>()
  let matches = 0
  for (const ch of aChars) {
    const numb = avail.has(ch) ? (avail.get(ch) as number) : (fullBCount.get(ch) ?? 0)
    avail.set(ch, numb - 1)
    if (numb > 0) matches++
  }
  const length = aChars.length + bChars.length
  return length ? (2.0 * matches) / length : 1.0
}

/** Django's exceeds_maximum_length_ratio: skips values far shorter than the password (a DoS guard). */
function exceedsMaximumLengthRatio(password: string, maxSimilarity: number, value: string): boolean {
  const pwdLen = pyLen(password)
  const lengthBoundSimilarity = (maxSimilarity / 2) * pwdLen
  const valueLen = pyLen(value)
  return pwdLen >= 10 * valueLen && valueLen < lengthBoundSimilarity
}

/** UserAttributeSimilarityValidator.validate: the message, or null. */
export function similarityError(password: string, user: PasswordUser, maxSimilarity = 0.7): string | null {
  if (maxSimilarity < 0.1) throw new RangeError('max_similarity must be at least 0.1')
  const pw = password.toLowerCase()
  for (const [attribute, verboseName] of ATTRIBUTES) {
    const value = user[attribute]
    if (!value || typeof value !== 'string') continue
    const valueLower = value.toLowerCase()
    const parts = [...valueLower.split(PY_NON_WORD), valueLower]
    for (const part of parts) {
      if (exceedsMaximumLengthRatio(pw, maxSimilarity, part)) continue
      if (quickRatio(pw, part) >= maxSimilarity) return `The password is too similar to the ${verboseName}.`
    }
  }
  return null
}

export function minimumLengthError(password: string, minLength = 8): string | null {
  if (pyLen(password) >= minLength) return null
  const noun = minLength === 1 ? 'character' : 'characters'
  return `This password is too short. It must contain at least ${minLength} ${noun}.`
}

/** `commonPasswords` holds lowercased entries, as Django's list does. */
export function commonPasswordError(password: string, commonPasswords: ReadonlySet<string>): string | null {
  return commonPasswords.has(pyStrip(password.toLowerCase())) ? 'This password is too common.' : null
}

export function numericPasswordError(password: string): string | null {
  return pyIsDigit(password) ? 'This password is entirely numeric.' : null
}

export interface ValidateOptions {
  /** The account the password is for; without it the similarity rule does not run (Django's `user=None`). */
  user?: PasswordUser | null
  policy?: PasswordPolicy
  commonPasswords: ReadonlySet<string>
}

/**
 * Every rule the password breaks, rule by rule, with Django's help texts: for a live checklist.
 * `validatePassword` is the server's answer (the failing messages only, in Django's order).
 */
export function passwordChecks(password: string, options: ValidateOptions): PasswordCheck[] {
  const policy = options.policy ?? {}
  const minLength = policy.minLength ?? 8
  const checks: PasswordCheck[] = []
  if (policy.notSimilar !== false) {
    const message = options.user ? similarityError(password, options.user, policy.maxSimilarity ?? 0.7) : null
    checks.push({
      id: 'similar',
      helpText: 'Your password can’t be too similar to your other personal information.',
      ok: options.user ? message === null : null,
      ...(message ? { message } : {}),
    })
  }
  if (minLength > 0) {
    const message = minimumLengthError(password, minLength)
    checks.push({
      id: 'length',
      helpText: `Your password must contain at least ${minLength} ${minLength === 1 ? 'character' : 'characters'}.`,
      ok: message === null,
      ...(message ? { message } : {}),
    })
  }
  if (policy.notCommon !== false) {
    const message = commonPasswordError(password, options.commonPasswords)
    checks.push({
      id: 'common',
      helpText: 'Your password can’t be a commonly used password.',
      ok: message === null,
      ...(message ? { message } : {}),
    })
  }
  if (policy.notNumeric !== false) {
    const message = numericPasswordError(password)
    checks.push({
      id: 'numeric',
      helpText: 'Your password can’t be entirely numeric.',
      ok: message === null,
      ...(message ? { message } : {}),
    })
  }
  return checks
}

/** Django's validate_password: all failing messages, in validator order; an empty list means accepted. */
export function validatePassword(password: string, options: ValidateOptions): string[] {
  return passwordChecks(password, options).flatMap((check) => (check.message ? [check.message] : []))
}
