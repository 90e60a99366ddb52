import { useId } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { PasswordRules } from '../../../shared/profile'
import { PasswordField } from './PasswordField'
import { PasswordHelp } from './PasswordHelp'

/** What the pair of new-password fields says before anything is sent: empty fields and a mismatch. */
export function newPasswordErrors(newPassword: string, retypePassword: string, t: TFunction) {
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

/** The new password typed twice, with the live checklist and the meter, and a note when the two differ. */
export function NewPasswordFields({
  newPassword,
  retypePassword,
  onNewPassword,
  onRetypePassword,
  rules,
  username,
  email,
  newErrors,
  retypeErrors,
}: {
  newPassword: string
  retypePassword: string
  onNewPassword: (value: string) => void
  onRetypePassword: (value: string) => void
  rules: PasswordRules
  username?: string | undefined
  email?: string | undefined
  newErrors: readonly string[]
  retypeErrors: readonly string[]
}) {
  const { t } = useTranslation()
  const helpId = useId()
  const matchId = useId()
  const showMatch = retypePassword.length > 0 && retypeErrors.length === 0
  const matches = retypePassword === newPassword
  return (
    <>
      <PasswordField
        label={t('password.new')}
        autoComplete="new-password"
        value={newPassword}
        onChange={onNewPassword}
        maxLength={rules.maxLength}
        errors={newErrors}
        describedBy={helpId}
        required
      />
      <PasswordHelp
        id={helpId}
        password={newPassword}
        rules={rules}
        username={username}
        email={email}
        fieldHasErrors={newErrors.length > 0}
      />
      <PasswordField
        label={t('password.newAgain')}
        autoComplete="new-password"
        value={retypePassword}
        onChange={onRetypePassword}
        maxLength={rules.maxLength}
        errors={retypeErrors}
        describedBy={showMatch ? matchId : undefined}
        required
      />
      {showMatch ? (
        <p id={matchId} className={`match ${matches ? 'match--yes' : 'match--no'}`}>
          {matches ? t('password.match') : t('password.noMatchYet')}
        </p>
      ) : null}
    </>
  )
}
