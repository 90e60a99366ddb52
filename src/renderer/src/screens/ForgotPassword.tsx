import { useTranslation } from 'react-i18next'
import { BackToAccounts } from '../components/BackToAccounts'
import { StepHeading } from '../components/StepHeading'
import { useApp } from '../store/provider'
import { ForgotForm } from './ForgotForm'
import { PasteLinkSection } from './PasteLink'
import { BackToAccountsFooter } from '../components/ScreenFooter'

/** Step 1 of the reset flow: which server, which e-mail address. */
export function ForgotPassword({ serverId, email }: { serverId: string | null; email: string }) {
  const { t } = useTranslation()
  const servers = useApp((s) => s.servers)
  if (servers.length === 0) {
    return (
      <div className="screen">
        <StepHeading>{t('actions.forgotPassword')}</StepHeading>
        <p>{t('forgot.noServer')}</p>
        <BackToAccounts />
      </div>
    )
  }
  return (
    <div className="screen screen--narrow">
      <StepHeading>{t('actions.forgotPassword')}</StepHeading>
      <p className="lead">{t('forgot.lead')}</p>
      <ForgotForm serverId={serverId} email={email} submitLabel={t('forgot.submit')} />
      <PasteLinkSection title={t('forgot.haveLink')} />
      <BackToAccountsFooter />
    </div>
  )
}
