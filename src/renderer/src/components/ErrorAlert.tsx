import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppError } from '../../../shared/errors'
import { errorTitle, isRetrySafe } from '../errors/describe'
import { formMessages, hasFieldMessages, type FieldName } from '../errors/fields'
import { liveRateLimitMessage } from '../errors/rate-limit-message'

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
  const { t } = useTranslation()
  let body: ReactNode = null
  if (error) {
    const onForm = formMessages(error, fields)
    const onlyFieldMessages =
      error.kind === 'validation' && onForm.length === 0 && hasFieldMessages(error, fields)
    if (!onlyFieldMessages) {
      const lines = error.kind === 'validation' && onForm.length > 0 ? onForm : [error.message]
      const live =
        error.kind === 'rate-limited'
          ? liveRateLimitMessage(error.message, error.retryAfterSeconds, waitSeconds)
          : null
      body = (
        <div
          className={`alert alert--${error.kind === 'timeout' && error.mayHaveApplied ? 'warning' : 'error'}`}
        >
          <p className="alert-title">{errorTitle(error)}</p>
          {live && waitSeconds > 0 ? (
            <p className="alert-message">
              {live.before}
              <span aria-live="off">{live.seconds}</span>
              {live.after}
            </p>
          ) : live ? null : (
            lines.map((line) => (
              <p key={line} className="alert-message">
                {line}
              </p>
            ))
          )}
          {error.kind === 'rate-limited' ? (
            <p className="alert-message">{waitSeconds > 0 ? t('form.waitOver') : t('form.tryAgainNow')}</p>
          ) : null}
          {children || (onRetry && isRetrySafe(error, idempotent)) ? (
            <div className="alert-actions">
              {onRetry && isRetrySafe(error, idempotent) ? (
                <button type="button" className="button" onClick={onRetry}>
                  {t('actions.tryAgain')}
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
