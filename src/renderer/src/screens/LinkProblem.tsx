import { Trans, useTranslation } from 'react-i18next'
import { StepHeading } from '../components/StepHeading'
import { formatAge, formatDateTime } from '../format'
import type { ResetStep } from '../store/types'
import { ForgotForm } from './ForgotForm'
import { BackToAccountsFooter } from '../components/ScreenFooter'

type Problem = Extract<ResetStep, { name: 'problem' }>

/** Step 7: expired, used or replaced links are one state, with "send a new link" prefilled. */
export function LinkProblem({ step }: { step: Problem }) {
  const { t } = useTranslation()
  return (
    <div className="screen screen--narrow">
      <StepHeading>{t('linkProblem.title')}</StepHeading>
      <div className="problem-panel">
        <p>{step.message}</p>
        {step.usedHereAt ? (
          <p>
            <Trans
              t={t}
              i18nKey="linkProblem.usedHere"
              values={{ date: formatDateTime(step.usedHereAt), age: formatAge(step.usedHereAt) }}
              components={{ time: <time dateTime={step.usedHereAt} /> }}
            />
          </p>
        ) : step.issuedAt ? (
          <p>
            {t('linkProblem.sent', { age: formatAge(step.issuedAt) })} {t('linkProblem.rule')}
          </p>
        ) : (
          <p>{t('linkProblem.rule')}</p>
        )}
      </div>
      <section className="subsection" aria-label={t('linkProblem.newLink')}>
        <p>{t('linkProblem.canSendNew')}</p>
        <ForgotForm serverId={step.serverId} email={step.email} submitLabel={t('linkProblem.submit')} />
      </section>
      <BackToAccountsFooter />
    </div>
  )
}
