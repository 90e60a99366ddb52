import { Trans, useTranslation } from 'react-i18next'
import { DATA } from '../i18n/markup'
import { MessageText } from '../errors/MessageText'
import { useApp } from '../store/provider'
import type { Notice } from '../store/types'

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
        {notice && !urgent ? <OutcomeNotice notice={notice} onDismiss={dismiss} /> : null}
      </div>
      <div role="alert" className="notice-slot">
        {notice && urgent ? <OutcomeNotice notice={notice} onDismiss={dismiss} /> : null}
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

/** The outcome of the last action with its Dismiss button: the same in the status slot and the alert slot. */
function OutcomeNotice({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  const { t } = useTranslation()
  return (
    <div className={`notice notice--${notice.level}`}>
      <p>
        <MessageText message={notice.message} serverMessage={notice.serverMessage} />
      </p>
      <button type="button" className="button button--quiet" onClick={onDismiss}>
        {t('notices.dismiss')}
      </button>
    </div>
  )
}
