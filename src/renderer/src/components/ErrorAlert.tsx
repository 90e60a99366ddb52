import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppError } from '../../../shared/errors'
import { errorMessage, errorTitle, isRetrySafe } from '../errors/describe'
import { formMessages, hasFieldMessages, type FieldName } from '../errors/fields'
import { appRateLimitMessage, liveRateLimitMessage } from '../errors/rate-limit-message'
import { ShownMessage, textOf } from '../errors/shown-text'

/**
 * Where a failure that belongs to no field is shown: a role="alert" region that is always in the page (so its
 * content is announced when it appears). Field messages stay on their fields.
 */
export function ErrorAlert({
  error,
  fields = [],
  onRetry,
  idempotent = false,
  waitSeconds = 0,
  children,
}: {
  error: AppError | null
  /** The fields on this screen: their messages are shown there, not here. */
  fields?: readonly FieldName[]
  /** Offered when trying again is safe. */
  onRetry?: () => void
  idempotent?: boolean
  /**
   * For a rate limit: the seconds left. The server's sentence counts down with the button; the changing number is
   * kept out of the announcements (aria-live="off"), so the alert is announced once, not every second.
   */
  waitSeconds?: number
  /** Extra actions for this screen's failures ("Sign in with the new password"). */
  children?: ReactNode
}) {
  const { t } = useTranslation('errors')
  let body: ReactNode = null
  if (error) {
    const onForm = formMessages(error, fields, t)
    const onlyFieldMessages =
      error.kind === 'validation' && onForm.length === 0 && hasFieldMessages(error, fields, t)
    if (!onlyFieldMessages) {
      const lines = error.kind === 'validation' && onForm.length > 0 ? onForm : [errorMessage(t, error)]
      // The server's sentence keeps its words and only its number follows the clock; the app's own is worded anew.
      const live =
        error.kind !== 'rate-limited'
          ? null
          : error.serverMessage
            ? liveRateLimitMessage(error.serverMessage, error.retryAfterSeconds, waitSeconds)
            : appRateLimitMessage(t, waitSeconds)
      const liveFromServer = error.kind === 'rate-limited' && !!error.serverMessage
      body = (
        <div
          className={`alert alert--${error.kind === 'timeout' && error.mayHaveApplied ? 'warning' : 'error'}`}
        >
          <p className="alert-title">{errorTitle(t, error)}</p>
          {live && waitSeconds > 0 ? (
            <p className="alert-message" {...(liveFromServer ? { 'data-server-text': '' } : {})}>
              {live.before}
              <span aria-live="off">{live.seconds}</span>
              {live.after}
            </p>
          ) : live ? null : (
            lines.map((line) => (
              <p key={textOf(line)} className="alert-message">
                <ShownMessage message={line} />
              </p>
            ))
          )}
          {error.kind === 'rate-limited' ? (
            <p className="alert-message">
              {waitSeconds > 0 ? t('alert.buttonWaits') : t('alert.canTryAgainNow')}
            </p>
          ) : null}
          {children || (onRetry && isRetrySafe(error, idempotent)) ? (
            <div className="alert-actions">
              {onRetry && isRetrySafe(error, idempotent) ? (
                <button type="button" className="button" onClick={onRetry}>
                  {t('alert.tryAgain')}
                </button>
              ) : null}
              {children}
            </div>
          ) : null}
        </div>
      )
    }
  }
  return (
    <div role="alert" className="alert-slot">
      {body}
    </div>
  )
}
