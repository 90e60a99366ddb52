import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Form } from '../hooks/useForm'
import { SubmitButton } from './SubmitButton'

/** A form's buttons: submit (busy while its request runs, counting down a wait) and Cancel where the form has one. */
export function FormActions({
  form,
  busyLabel,
  primary,
  children,
}: {
  form: Pick<Form, 'busy' | 'wait' | 'cancel'>
  busyLabel: string
  primary?: boolean
  children: ReactNode
}) {
  const { t } = useTranslation()
  return (
    <div className="actions">
      <SubmitButton busy={form.busy} busyLabel={busyLabel} waitSeconds={form.wait} primary={primary}>
        {children}
      </SubmitButton>
      {form.cancel ? (
        <button type="button" className="button" onClick={form.cancel}>
          {t('actions.cancel')}
        </button>
      ) : null}
    </div>
  )
}
