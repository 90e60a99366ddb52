import { useState, type RefObject } from 'react'
import type { AppError } from '../../../shared/errors'
import { fieldMessages, type FieldName } from '../errors/fields'
import { useFocusFirstInvalid } from '../hooks/useFocusFirstInvalid'

export type LocalErrors = Partial<Record<FieldName, string[]>>

/**
 * A form's errors: the form's own (an empty field, two passwords that differ) and the server's (on the field
 * they belong to). After each new set, focus goes to the first invalid field.
 */
export function useFormErrors(form: RefObject<HTMLFormElement | null>, serverError: AppError | null) {
  const [local, setLocal] = useState<LocalErrors | null>(null)
  useFocusFirstInvalid(form, local ?? serverError)
  const on = (field: FieldName): string[] => local?.[field] ?? fieldMessages(serverError, field)
  return { on, setLocal, hasLocal: local !== null }
}

export const required = (value: string, message: string): string[] | undefined =>
  value.trim() === '' ? [message] : undefined

/** Drops the entries without a message; null when nothing is left. */
export function compact(errors: LocalErrors): LocalErrors | null {
  const entries = Object.entries(errors).filter(([, list]) => list && list.length > 0)
  return entries.length > 0 ? (Object.fromEntries(entries) as LocalErrors) : null
}
