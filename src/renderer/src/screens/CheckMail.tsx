import { Trans, useTranslation } from 'react-i18next'
import { StepHeading } from '../components/StepHeading'
import { DATA } from '../i18n/markup'
import { ErrorAlert } from '../components/ErrorAlert'
import { useFailure, useRateLimitUntil } from '../hooks/useFailure'
import { useSecondsLeft } from '../hooks/useSecondsLeft'
import { useApp } from '../store/provider'
import type { ResetStep } from '../store/types'
import { PasteLinkSection } from './PasteLink'
import { BackToAccountsFooter } from '../components/ScreenFooter'

type Sent = Extract<ResetStep, { name: 'sent' }>

/**
 * Step 2: the same words whatever the address (the app never learns whether the account exists), "send again"
 * after a cooldown, and the paste field.
 */
export function CheckMail({ step }: { step: Sent }) {
  const { t } = useTranslation()
  const appName = useApp((s) => s.info?.name ?? null) ?? t('app.name')
  const server = useApp((s) => s.servers.find((x) => x.id === step.serverId))
  const pending = useApp((s) => s.pending)
  const resend = useApp((s) => s.resend)
  const failure = useFailure('resend')
  const rateLimit = useRateLimitUntil('resend')
  const wait = useSecondsLeft(Math.max(step.resendAt, rateLimit ?? 0))
  const busy = pending === 'resend'
  return (
    <div className="screen screen--narrow">
      <StepHeading>{t('checkMail.title')}</StepHeading>
      <p className="lead">
        {server ? (
          <Trans
            t={t}
            i18nKey="checkMail.lead"
            values={{ server: server.displayName, email: step.email }}
            components={DATA}
          />
        ) : (
          <Trans t={t} i18nKey="checkMail.leadNoServer" values={{ email: step.email }} components={DATA} />
        )}
      </p>
      <ul className="steps-list">
        <li>{t('checkMail.open', { name: appName })}</li>
        <li>{t('checkMail.noMessage')}</li>
        {server?.demo ? <li>{t('checkMail.demo')}</li> : null}
      </ul>
      <div className="resend">
        <ErrorAlert error={failure} fields={['email']} waitSeconds={wait} />
        <button
          type="button"
          className="button"
          aria-busy={busy || undefined}
          aria-disabled={busy || wait > 0 || undefined}
          onClick={() => {
            if (!busy && wait === 0) void resend()
          }}
        >
          {busy ? t('form.sending') : t('checkMail.resend')}
          {!busy && wait > 0 ? (
            <>
              {' '}
              <span className="button-wait">{t('form.wait', { count: wait })}</span>
            </>
          ) : null}
        </button>
      </div>
      <PasteLinkSection title={t('checkMail.gotIt')} />
      <BackToAccountsFooter />
    </div>
  )
}
