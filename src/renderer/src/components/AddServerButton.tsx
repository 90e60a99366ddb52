import { useTranslation } from 'react-i18next'
import { useApp } from '../store/provider'

/** "Add a server", offered only while the policy lets the user add servers (and once main has said so). */
export function AddServerButton() {
  const { t } = useTranslation()
  const serversLocked = useApp((s) => s.info?.serversLocked ?? true)
  const goAddServer = useApp((s) => s.goAddServer)
  if (serversLocked) return null
  return (
    <button type="button" className="button" onClick={goAddServer}>
      {t('actions.addServer')}
    </button>
  )
}
