import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Form } from './useForm'

/** What the pair of new-password fields says before anything is sent: empty fields and a mismatch. */
function newPasswordErrors(newPassword: string, retypePassword: string, t: TFunction) {
  return {
    newPassword: newPassword === '' ? [t('password.newMissing')] : undefined,
    retypePassword:
      retypePassword === ''
        ? [t('password.retypeMissing')]
        : newPassword !== retypePassword
          ? [t('password.differ')]
          : undefined,
  }
}

/**
 * The new password typed twice, on the change and the reset screens: the two values, whether anything is typed,
 * the form's own check of the pair, and the props that tie NewPasswordFields to the form's messages.
 */
export function useNewPassword() {
  const { t } = useTranslation()
  const [newPassword, setNewPassword] = useState('')
  const [retypePassword, setRetypePassword] = useState('')
  return {
    newPassword,
    retypePassword,
    typed: newPassword !== '' || retypePassword !== '',
    check: () => newPasswordErrors(newPassword, retypePassword, t),
    fieldsOf: (form: Pick<Form, 'on'>) => ({
      newPassword,
      retypePassword,
      onNewPassword: setNewPassword,
      onRetypePassword: setRetypePassword,
      newErrors: form.on('newPassword'),
      retypeErrors: form.on('retypePassword'),
    }),
  }
}
