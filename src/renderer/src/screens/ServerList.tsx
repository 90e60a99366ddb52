import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../store/provider'

/**
 * The servers Account Desk knows, with their host. Those the user added can be removed (after a confirmation);
 * those set by the policy, the branding or the demo are locked and say so.
 */
export function ServerList() {
  const { t } = useTranslation()
  const servers = useApp((s) => s.servers)
  const pending = useApp((s) => s.pending)
  const askRemoval = useApp((s) => s.askRemoval)
  const titleId = useId()
  if (servers.length === 0) return null
  return (
    <section className="subsection" aria-labelledby={titleId}>
      <h2 id={titleId} className="subsection-title">
        {t('servers.title')}
      </h2>
      <ul className="server-list">
        {servers.map((server) => (
          <li key={server.id} className="server-row">
            <p>
              <span className="server-name" data-server-text="">
                {server.displayName}
              </span>
              <span className="muted">
                {' · '}
                <span data-server-text="">{server.host}</span>
              </span>
            </p>
            {server.locked ? (
              <span className="muted small">
                {server.demo ? t('servers.builtInDemo') : t('servers.byOrganisation')}
              </span>
            ) : (
              <button
                type="button"
                className="button button--quiet"
                aria-label={t('servers.removeNamed', { server: server.displayName })}
                aria-disabled={pending !== null || undefined}
                onClick={() => askRemoval({ kind: 'server', serverId: server.id })}
              >
                {t('servers.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
