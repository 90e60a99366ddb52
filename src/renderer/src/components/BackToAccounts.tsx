import { useTranslation } from 'react-i18next'
import { useApp } from '../store/provider'

/** The one way back to the accounts: "← All accounts", the same words and look in the top bar and on screens. */
export function BackToAccounts() {
  const { t } = useTranslation()
  const goHome = useApp((s) => s.goHome)
  return (
    <button type="button" className="button button--quiet back-button" onClick={() => goHome()}>
      <span className="back-arrow" aria-hidden="true">
        ←
      </span>
      {t('nav.allAccounts')}
    </button>
  )
}
