import type { FieldErrors } from '../../shared/errors'

/** Server field names → the names the app's forms use (see src/shared/contract.ts). */
export const DJOSER_FIELDS: Record<string, string> = {
  username: 'username',
  password: 'password',
  email: 'email',
  current_password: 'currentPassword',
  new_password: 'newPassword',
  re_new_password: 'retypePassword',
  non_field_errors: 'form',
  detail: 'form',
}

export const DJANGO_FORM_FIELDS: Record<string, string> = {
  username: 'username',
  password: 'password',
  email: 'email',
  old_password: 'currentPassword',
  new_password1: 'newPassword',
  new_password2: 'retypePassword',
  __all__: 'form',
}

function strings(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return value.trim() ? [value] : []
  if (depth > 3) return []
  if (Array.isArray(value)) return value.flatMap((v) => strings(v, depth + 1))
  if (value && typeof value === 'object') return Object.values(value).flatMap((v) => strings(v, depth + 1))
  return []
}

/**
 * Every DRF error shape as field errors: `{field: [...]}`, `{non_field_errors: [...]}`, `{detail: "..."}` and a
 * bare list (`["..."]`). Unknown field names are kept as they are. Null when the body holds no message at all.
 */
export function drfFieldErrors(
  body: unknown,
  rename: Record<string, string> = DJOSER_FIELDS,
): FieldErrors | null {
  const fields: FieldErrors = {}
  const add = (name: string, messages: string[]) => {
    if (messages.length === 0) return
    fields[name] = [...(fields[name] ?? []), ...messages]
  }
  if (Array.isArray(body) || typeof body === 'string') add('form', strings(body))
  else if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body as Record<string, unknown>))
      add(rename[key] ?? key, strings(value))
  }
  return Object.keys(fields).length > 0 ? fields : null
}

export const firstMessage = (fields: FieldErrors): string => Object.values(fields).flat()[0] ?? ''
