import { Trans, useTranslation } from 'react-i18next'
import { ErrorAlert } from '../components/ErrorAlert'
import { StepHeading } from '../components/StepHeading'
import { AddServerButton } from '../components/AddServerButton'
import { PRIMARY_ACTION } from '../focus-targets'
import { DATA } from '../i18n/markup'
import { useFailure } from '../hooks/useFailure'
import { useApp } from '../store/provider'
import { AppNotices } from './AccountsHome'
import { ServerList } from './ServerList'

/** No account yet: lead to the demo (with its credentials) or to adding the organisation's server. */
export function EmptyState() {
  const { t } = useTranslation()
  const info = useApp((s) => s.info)
  const servers = useApp((s) => s.servers)
  const goSignIn = useApp((s) => s.goSignIn)
  const goAddServer = useApp((s) => s.goAddServer)
  const goForgot = useApp((s) => s.goForgot)
  const resetDemo = useApp((s) => s.resetDemo)
  const resetting = useApp((s) => s.pending === 'resetDemo')
  const failure = useFailure('removeServer')
  const resetFailure = useFailure('resetDemo')
  const demo = info?.demo
  const demoServer = servers.find((s) => s.demo)
  const realServers = servers.filter((s) => !s.demo)
  const showDemo = Boolean(demo?.running && demoServer)
  // One primary action per screen: the demo's sign-in when the demo runs, else the organisation's server.
  const ownPrimary = showDemo ? 'button' : 'button button--primary'
  const ownMark = showDemo ? {} : PRIMARY_ACTION
  return (
    <div className="screen">
      <StepHeading>{t('empty.welcome', { name: info?.name ?? t('app.name') })}</StepHeading>
      <p className="lead">{t('empty.lead')}</p>
      <AppNotices />
      <ErrorAlert error={failure} />
      <div className="cards">
        {showDemo && demo && demoServer ? (
          <section className="card" aria-labelledby="demo-title">
            <h2 id="demo-title" className="card-title">
              {t('empty.demoTitle')}
            </h2>
            <p>{t('empty.demoText')}</p>
            {demo.passwordChanged ? <p className="note">{t('empty.demoPasswordChanged')}</p> : null}
            {demo.username ? (
              <dl className="credentials">
                <dt>{t('fields.username')}</dt>
                <dd>
                  <code data-server-text="">{demo.username}</code>
                </dd>
                {demo.password ? (
                  <>
                    <dt>{t('fields.password')}</dt>
                    <dd>
                      <code data-server-text="">{demo.password}</code>
                    </dd>
                  </>
                ) : null}
                {demo.email ? (
                  <>
                    <dt>{t('fields.emailShort')}</dt>
                    <dd>
                      <code data-server-text="">{demo.email}</code>
                    </dd>
                  </>
                ) : null}
              </dl>
            ) : null}
            <div className="actions">
              <button
                type="button"
                className="button button--primary"
                {...PRIMARY_ACTION}
                onClick={() =>
                  goSignIn({ serverId: demoServer.id, username: demo.username ?? '', reason: 'add' })
                }
              >
                {t('empty.demoSignIn')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => goForgot({ serverId: demoServer.id, email: demo.email ?? '' })}
              >
                {t('actions.forgotPassword')}
              </button>
              <button
                type="button"
                className="button button--quiet"
                aria-busy={resetting || undefined}
                onClick={() => void resetDemo()}
              >
                {resetting ? t('empty.demoResetting') : t('empty.demoReset')}
              </button>
            </div>
            <ErrorAlert error={resetFailure} />
          </section>
        ) : null}
        <section className="card" aria-labelledby="own-title">
          <h2 id="own-title" className="card-title">
            {t('empty.ownTitle', { count: Math.max(1, realServers.length) })}
          </h2>
          {realServers.length > 0 ? (
            <>
              <p>
                {realServers.length === 1 && realServers[0] ? (
                  <Trans
                    t={t}
                    i18nKey="empty.oneSetUp"
                    values={{ server: realServers[0].displayName }}
                    components={DATA}
                  />
                ) : (
                  t('empty.setUp', { count: realServers.length })
                )}{' '}
                {t('empty.signInToAdd')}
              </p>
              <div className="actions">
                <button
                  type="button"
                  className={ownPrimary}
                  {...ownMark}
                  onClick={() => goSignIn({ serverId: realServers[0]?.id ?? null, reason: 'add' })}
                >
                  {t('account.signIn')}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => goForgot({ serverId: realServers[0]?.id ?? null })}
                >
                  {t('actions.forgotPassword')}
                </button>
                <AddServerButton />
              </div>
            </>
          ) : info?.serversLocked ? (
            <p>{t('empty.managed')}</p>
          ) : (
            <>
              <p>{t('empty.addIt')}</p>
              <div className="actions">
                <button type="button" className={ownPrimary} {...ownMark} onClick={goAddServer}>
                  {t('actions.addServer')}
                </button>
              </div>
            </>
          )}
        </section>
      </div>
      {servers.some((s) => !s.locked) ? <ServerList /> : null}
    </div>
  )
}
