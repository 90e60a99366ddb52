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

/** The labels of the way to sign in with a new password: after it went through, or after it may have. */
const SIGN_IN_WITH_NEW = {
  'after-change': 'actions.signInWithNew',
  'after-reset': 'actions.signInWithNew',
  'may-have-applied': 'actions.trySignInWithNew',
} as const

/**
 * Sign in with the new password, never automatically: after a change or a reset went through, or after a timeout
 * on one that may already have been made (the safe next step, never a blind retry of the change).
 */
export function SignInWithNewPassword({
  serverId,
  username,
  reason,
}: {
  serverId: string
  username: string
  reason: keyof typeof SIGN_IN_WITH_NEW
}) {
  const { t } = useTranslation()
  const goSignIn = useApp((s) => s.goSignIn)
  return (
    <button
      type="button"
      className="button button--primary"
      onClick={() => goSignIn({ serverId, username, reason })}
    >
      {t(SIGN_IN_WITH_NEW[reason])}
    </button>
  )
}
