import type { ShownText } from '../errors/shown-text'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { PasswordRules } from '../../../shared/profile'
import { PasswordField } from './PasswordField'
import { PasswordHelp } from './PasswordHelp'

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
  newErrors: readonly ShownText[]
  retypeErrors: readonly ShownText[]
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
