import { Trans, useTranslation } from 'react-i18next'
import { BackToAccounts } from '../components/BackToAccounts'
import { SignInWithNewPassword } from '../components/ScreenFooter'
import { DATA } from '../i18n/markup'
import { StepHeading } from '../components/StepHeading'
import { OtherSessionsNote } from '../components/OtherSessionsNote'
import { useApp } from '../store/provider'
import type { ResetStep } from '../store/types'

type Done = Extract<ResetStep, { name: 'done' }>

/** Step 6: success, what happened to other sessions, and "sign in with the new password" (never automatic). */
export function ResetDone({ step }: { step: Done }) {
  const { t } = useTranslation()
  const server = useApp((s) => s.servers.find((x) => x.id === step.serverId))
  return (
    <div className="screen screen--narrow">
      <StepHeading>{t('resetDone.title')}</StepHeading>
      <div className="success-panel">
        <p>
          <Trans
            t={t}
            i18nKey={step.username ? 'resetDone.setFor' : 'resetDone.setForYours'}
            values={{ username: step.username, server: server?.displayName ?? t('resetDone.theServer') }}
            components={DATA}
          />
        </p>
        <OtherSessionsNote message={step.otherSessions} />
      </div>
      <div className="actions">
        <SignInWithNewPassword serverId={step.serverId} username={step.username} reason="after-reset" />
        <BackToAccounts />
      </div>
    </div>
  )
}
