import { useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { BackToAccountsFooter } from '../components/ScreenFooter'
import { StepHeading } from '../components/StepHeading'
import type { Screen } from '../store/types'
import { DATA } from '../i18n/markup'
import { LanguagePicker } from '../components/LanguagePicker'

type AboutScreen = Extract<Screen, { flow: 'about' }>

/**
 * About / diagnostics: what IT asks for when something goes wrong (versions, OS, policy, servers by origin,
 * how sign-ins are kept, the last log lines), as one text to read and copy. Main builds the text; nothing in it
 * is a password, token, cookie or link.
 */
export function About({ screen }: { screen: AboutScreen }) {
  const { t } = useTranslation()
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  const text = screen.diagnostics?.text ?? null
  const copy = async () => {
    if (text === null) return
    try {
      await navigator.clipboard.writeText(text)
      setCopied('yes')
    } catch {
      setCopied('failed')
    }
  }
  return (
    <div className="screen">
      <StepHeading>{t('about.title')}</StepHeading>
      {screen.unavailable ? (
        <div role="alert" className="alert alert--error">
          <p>{t('about.unavailable')}</p>
        </div>
      ) : text === null ? (
        <p>{t('about.reading')}</p>
      ) : (
        <>
          <p className="lead">
            {t('about.lead')}
            {screen.diagnostics?.logFile ? (
              <>
                {' '}
                <Trans
                  t={t}
                  i18nKey="about.logFile"
                  values={{ file: screen.diagnostics.logFile }}
                  components={DATA}
                />
              </>
            ) : null}
          </p>
          <pre className="diagnostics" tabIndex={0} aria-label={t('about.diagnostics')} data-server-text="">
            {text}
          </pre>
          <div className="actions">
            <button type="button" className="button button--primary" onClick={() => void copy()}>
              {t('about.copy')}
            </button>
            <p role="status" className="field-hint">
              {copied === 'yes' ? t('about.copied') : copied === 'failed' ? t('about.copyRefused') : ''}
            </p>
          </div>
        </>
      )}
      <LanguagePicker />
      <BackToAccountsFooter />
    </div>
  )
}
