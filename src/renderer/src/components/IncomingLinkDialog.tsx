import { useTranslation } from 'react-i18next'
import { useApp } from '../store/provider'
import { Dialog } from './Dialog'
import { LinkFor } from './LinkFor'

/** A reset link arrived while the user was typing: ask before their input is replaced. */
export function IncomingLinkDialog() {
  const { t } = useTranslation()
  const link = useApp((s) => s.incomingLink)
  const accept = useApp((s) => s.acceptIncomingLink)
  const keep = useApp((s) => s.keepTyping)
  if (!link) return null
  return (
    <Dialog
      title={t('link.arrivedTitle')}
      onEscape={keep}
      description={
        <p>
          <LinkFor link={link} sentence={{ plain: 'incoming.text', withAccount: 'incoming.textAccount' }} />
        </p>
      }
    >
      <button type="button" className="button button--primary" onClick={accept}>
        {t('incoming.open')}
      </button>
      {/* Focused first: anyone who can make the OS open a link can make this dialog appear mid-typing. */}
      <button type="button" className="button" onClick={keep} data-safe-choice>
        {t('incoming.keepTyping')}
      </button>
    </Dialog>
  )
}
