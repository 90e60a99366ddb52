import type { AppError } from '../../../shared/errors'

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

export function fieldMessages(error: AppError | null | undefined, field: FieldName): string[] {
  if (!error || error.kind !== 'validation') return []
  const names: readonly string[] = FIELD_ALIASES[field]
  return names.flatMap((name) => error.fields[name] ?? [])
}

/**
 * The messages of a validation error that belong to no field on this screen (form-level ones, and any field
 * the screen does not show), in the server's words.
 */
export function formMessages(error: AppError | null | undefined, shown: readonly FieldName[]): string[] {
  if (!error || error.kind !== 'validation') return []
  const claimed = new Set<string>(shown.flatMap((f) => FIELD_ALIASES[f] as readonly string[]))
  const formFirst = Object.entries(error.fields).sort(
    ([a], [b]) => Number(!FORM_NAMES.includes(a)) - Number(!FORM_NAMES.includes(b)),
  )
  const messages = formFirst.filter(([name]) => !claimed.has(name)).flatMap(([, list]) => list)
  return [...new Set(messages)]
}

/** True when a validation error has at least one message on a field shown on this screen. */
export function hasFieldMessages(error: AppError | null | undefined, shown: readonly FieldName[]): boolean {
  return shown.some((f) => fieldMessages(error, f).length > 0)
}
