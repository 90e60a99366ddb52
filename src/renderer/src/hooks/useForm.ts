import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppError } from '../../../shared/errors'
import { fieldMessages, type FieldName } from '../errors/fields'
import type { ShownText } from '../errors/shown-text'
import { useApp } from '../store/provider'
import type { Action } from '../store/types'
import { useFailure, useRateLimitUntil } from './useFailure'
import { useSecondsLeft } from './useSecondsLeft'

/** The form's own errors, by field: an empty field, two passwords that differ. */
export type LocalErrors = Partial<Record<FieldName, ShownText[]>>

export interface FormOptions {
  /**
   * The form's own check before anything is sent; null when there is nothing to say. `reword`: the language
   * changed while its messages are on screen: the same check again, for its words only (no focus, no other effect).
   */
  validate: (when: 'submit' | 'reword') => LocalErrors | null
  /** Sends the form: called only when `validate` found nothing, nothing else is pending and no wait is on. */
  send: () => unknown
  /** What Cancel does (leave the screen). */
  cancel?: () => void
  /**
   * The fields' current values. A field edited since the last submit loses its messages (text and red border):
   * they were about what it held then. Never kept beyond this render.
   */
  values?: Partial<Record<FieldName, string>>
}

export interface Form {
  /**
   * For `<form ref={attach}>`: focus moves to the form's first invalid field after each new set of errors. Take it
   * apart (`const { attach, ...form } = useForm(…)`), or React's lint takes the whole object for a ref.
   */
  attach: (form: HTMLFormElement | null) => void
  /** For `<form onSubmit>` and a retry button. */
  submit: (event?: FormEvent) => void
  /** What Cancel does; null when the form has no Cancel. */
  cancel: (() => void) | null
  /** This form's request is under way. */
  busy: boolean
  /** Seconds before the server lets this action run again (rate limit); 0 when free. */
  wait: number
  /** The server's last failure of this action, if any. */
  failure: AppError | null
  /** The messages for one field: the form's own, else the server's for that field. */
  on: (field: FieldName) => ShownText[]
  /** What the form's alert shows: the server's failure, unless the form's own errors are on screen. */
  alertError: AppError | null
  /** The form's own check found something (its messages are on the fields). */
  hasLocal: boolean
}

/**
 * One form that sends one store action: pending and rate-limit state, errors by field (the form's own first, then
 * the server's on the field they belong to), focus on the first failing field, submit and cancel.
 */
export function useForm(action: Action, options: FormOptions): Form {
  const pending = useApp((s) => s.pending)
  const { t, i18n } = useTranslation('errors')
  const failure = useFailure(action)
  const wait = useSecondsLeft(useRateLimitUntil(action))
  const [element, attach] = useState<HTMLFormElement | null>(null)
  /** The form's own errors, and the language they were worded in. */
  const [checked, setChecked] = useState<{ errors: LocalErrors; language: string } | null>(null)
  const [submitted, setSubmitted] = useState<Partial<Record<FieldName, string>>>({})
  const local = checked && (checked.language === i18n.language ? checked.errors : options.validate('reword'))
  const errors = checked?.errors ?? failure
  useEffect(() => {
    if (errors) element?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [element, errors])

  const edited = (field: FieldName) => field in submitted && options.values?.[field] !== submitted[field]
  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    if (pending || wait > 0) return
    setSubmitted({ ...options.values })
    const found = options.validate('submit')
    setChecked(found && { errors: found, language: i18n.language })
    if (found) return
    void options.send()
  }

  return {
    attach,
    submit,
    cancel: options.cancel ?? null,
    busy: pending === action,
    wait,
    failure,
    // The form's own check replaces the server's last answer (it was about an earlier attempt), so focus lands on
    // the field that failed now.
    on: (field) => (edited(field) ? [] : local ? (local[field] ?? []) : fieldMessages(failure, field, t)),
    alertError: local ? null : failure,
    hasLocal: local !== null,
  }
}

/** `[message]` when the value is blank, for `validate`. */
export const required = (value: string, message: string): string[] | undefined =>
  value.trim() === '' ? [message] : undefined

/** Drops the entries without a message; null when nothing is left. */
export function compact(errors: LocalErrors): LocalErrors | null {
  const entries = Object.entries(errors).filter(([, list]) => list && list.length > 0)
  return entries.length > 0 ? (Object.fromEntries(entries) as LocalErrors) : null
}
