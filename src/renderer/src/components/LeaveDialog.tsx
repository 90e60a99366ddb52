import { useTranslation } from 'react-i18next'
import { useApp } from '../store/provider'
import { Dialog } from './Dialog'

/** The user asked to leave a screen where they typed something: ask before it is lost. */
export function LeaveDialog() {
  const { t } = useTranslation()
  const asking = useApp((s) => s.leaving !== null)
  const leave = useApp((s) => s.confirmLeave)
  const stay = useApp((s) => s.stayOnScreen)
  if (!asking) return null
  return (
    <Dialog title={t('leave.title')} onEscape={stay} description={<p>{t('leave.text')}</p>}>
      <button type="button" className="button button--primary" onClick={leave}>
        {t('leave.leave')}
      </button>
      {/* Focused first: a stray Enter keeps the user's work. */}
      <button type="button" className="button" onClick={stay} data-safe-choice>
        {t('leave.stay')}
      </button>
    </Dialog>
  )
}
