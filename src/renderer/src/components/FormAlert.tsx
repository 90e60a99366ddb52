import type { ReactNode } from 'react'
import type { FieldName } from '../errors/fields'
import type { Form } from '../hooks/useForm'
import { ErrorAlert } from './ErrorAlert'

/**
 * A form's alert: the failure that belongs to none of `fields`, "Try again" that submits the form once more, and
 * the countdown of a rate limit. `children`: this form's extra actions for its failures.
 */
export function FormAlert({
  form,
  fields,
  children,
}: {
  form: Pick<Form, 'alertError' | 'submit' | 'wait'>
  fields: readonly FieldName[]
  children?: ReactNode
}) {
  return (
    <ErrorAlert error={form.alertError} fields={fields} onRetry={() => form.submit()} waitSeconds={form.wait}>
      {children}
    </ErrorAlert>
  )
}
