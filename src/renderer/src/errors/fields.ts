import type { AppError } from '../../../shared/errors'
import { serverText, textOf, type ShownText } from './shown-text'
import { wordMessage, type ErrorsT } from './words'

/**
 * The app's field names and every name a server (or main) may use for them. Main normalises djoser and Django
 * form names to the app's names; the raw names are accepted too, so no message is ever lost.
 */
export const FIELD_ALIASES = {
  username: ['username'],
  password: ['password'],
  email: ['email'],
  currentPassword: ['currentPassword', 'current_password', 'old_password'],
  newPassword: ['newPassword', 'new_password', 'new_password1'],
  retypePassword: ['retypePassword', 're_new_password', 'new_password2'],
  displayName: ['displayName', 'display_name', 'name'],
  baseUrl: ['baseUrl', 'base_url', 'url'],
  kind: ['kind'],
  url: ['url', 'link'],
  serverId: ['serverId'],
} as const

export type FieldName = keyof typeof FIELD_ALIASES

/** Names that mean "the whole form". Anything not claimed by a field on screen ends up there too. */
const FORM_NAMES = ['form', 'non_field_errors', '__all__', 'detail']

/** A validation error's messages by field name: the app's own (worded) first, then the server's (verbatim). */
function byName(error: AppError | null | undefined, t: ErrorsT): [string, ShownText[]][] {
  if (!error || error.kind !== 'validation') return []
  const names = [...new Set([...Object.keys(error.fieldCodes ?? {}), ...Object.keys(error.fields)])]
  return names.map((name) => [
    name,
    [
      ...(error.fieldCodes?.[name] ?? []).map((m) => wordMessage(t, m)),
      ...(error.fields[name] ?? []).map(serverText),
    ],
  ])
}

export function fieldMessages(error: AppError | null | undefined, field: FieldName, t: ErrorsT): ShownText[] {
  const names: readonly string[] = FIELD_ALIASES[field]
  return byName(error, t)
    .filter(([name]) => names.includes(name))
    .sort(([a], [b]) => names.indexOf(a) - names.indexOf(b))
    .flatMap(([, list]) => list)
}

/**
 * The messages of a validation error that belong to no field on this screen (form-level ones, and any field
 * the screen does not show): the server's in its words, the app's in the user's language.
 */
export function formMessages(
  error: AppError | null | undefined,
  shown: readonly FieldName[],
  t: ErrorsT,
): ShownText[] {
  const claimed = new Set<string>(shown.flatMap((f) => FIELD_ALIASES[f] as readonly string[]))
  const formFirst = byName(error, t).sort(
    ([a], [b]) => Number(!FORM_NAMES.includes(a)) - Number(!FORM_NAMES.includes(b)),
  )
  const messages = formFirst.filter(([name]) => !claimed.has(name)).flatMap(([, list]) => list)
  const seen = new Set<string>()
  return messages.filter((m) => !seen.has(textOf(m)) && seen.add(textOf(m)))
}

/** True when a validation error has at least one message on a field shown on this screen. */
export function hasFieldMessages(
  error: AppError | null | undefined,
  shown: readonly FieldName[],
  t: ErrorsT,
): boolean {
  return shown.some((f) => fieldMessages(error, f, t).length > 0)
}
