import { useTranslation } from 'react-i18next'
import { useApp } from '../store/provider'
import { BackToAccounts } from './BackToAccounts'

/** "← All accounts" at the end of a step that the user may leave at any time. */
export function BackToAccountsFooter() {
  return (
    <div className="actions actions--end">
      <BackToAccounts />
    </div>
  )
}

/**
 * After a timeout on a change that may already have been made, the safe next step: sign in with the new password
 * (never a blind retry of the change).
 */
export function TrySignInWithNewPassword({ serverId, username }: { serverId: string; username: string }) {
  const { t } = useTranslation()
  const goSignIn = useApp((s) => s.goSignIn)
  return (
    <button
      type="button"
      className="button button--primary"
      onClick={() => goSignIn({ serverId, username, reason: 'may-have-applied' })}
    >
      {t('actions.trySignInWithNew')}
    </button>
  )
}
