import { Trans, useTranslation } from 'react-i18next'
import { DATA } from '../i18n/markup'
import { useApp } from '../store/provider'

/**
 * The app-wide messages above each screen: the outcome of the last action ("Signed out of …"), a refused link,
 * and a link the user kept for later. A status region (polite) for outcomes; refused links are alerts.
 */
export function NoticeArea() {
  const { t } = useTranslation()
  const notice = useApp((s) => s.notice)
  const dismiss = useApp((s) => s.dismissNotice)
  const waiting = useApp((s) => s.waitingLink)
  const openWaiting = useApp((s) => s.openWaitingLink)
  const discardWaiting = useApp((s) => s.discardWaitingLink)
  const urgent = notice?.level === 'error' || notice?.level === 'warning'
  return (
    <div className="notices">
      <div role="status" className="notice-slot">
        {notice && !urgent ? (
          <div className={`notice notice--${notice.level}`}>
            <p>{notice.message}</p>
            <button type="button" className="button button--quiet" onClick={dismiss}>
              {t('notices.dismiss')}
            </button>
          </div>
        ) : null}
      </div>
      <div role="alert" className="notice-slot">
        {notice && urgent ? (
          <div className={`notice notice--${notice.level}`}>
            <p>{notice.message}</p>
            <button type="button" className="button button--quiet" onClick={dismiss}>
              {t('notices.dismiss')}
            </button>
          </div>
        ) : null}
      </div>
      {waiting ? (
        <div className="notice notice--info">
          <p>
            <Trans
              t={t}
              i18nKey="notices.waiting"
              values={{ server: waiting.serverName }}
              components={DATA}
            />
          </p>
          <div className="notice-actions">
            <button type="button" className="button" onClick={openWaiting}>
              {t('notices.openWaiting')}
            </button>
            <button type="button" className="button button--quiet" onClick={discardWaiting}>
              {t('notices.discard')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  )
}
