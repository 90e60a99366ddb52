import { ErrorAlert } from '../components/ErrorAlert'
import { StepHeading } from '../components/StepHeading'
import { PRIMARY_ACTION } from '../focus-targets'
import { useFailure } from '../hooks/useFailure'
import { useApp } from '../store/provider'
import { AppNotices } from './AccountsHome'
import { ServerList } from './ServerList'

/** No account yet: lead to the demo (with its credentials) or to adding the organisation's server. */
export function EmptyState() {
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
      <StepHeading>Welcome to {info?.name ?? 'Account Desk'}</StepHeading>
      <p className="lead">
        Sign in to the accounts you hold on your organisation’s servers, change their passwords, and reset a
        forgotten one from the link the server e-mails you.
      </p>
      <AppNotices />
      <ErrorAlert error={failure} />
      <div className="cards">
        {showDemo && demo && demoServer ? (
          <section className="card" aria-labelledby="demo-title">
            <h2 id="demo-title" className="card-title">
              Try it with the demo server
            </h2>
            <p>
              A small demo server runs on this computer, with one account and a mailbox you can read here.
              Walk through every step, the e-mailed link included.
            </p>
            {demo.passwordChanged ? (
              <p className="note">
                You changed the demo password, so it is no longer shown here. Sign in with yours, use “Forgot
                password”, or reset the demo to start over.
              </p>
            ) : null}
            {demo.username ? (
              <dl className="credentials">
                <dt>Username</dt>
                <dd>
                  <code>{demo.username}</code>
                </dd>
                {demo.password ? (
                  <>
                    <dt>Password</dt>
                    <dd>
                      <code>{demo.password}</code>
                    </dd>
                  </>
                ) : null}
                {demo.email ? (
                  <>
                    <dt>E-mail</dt>
                    <dd>
                      <code>{demo.email}</code>
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
                Sign in to the demo
              </button>
              <button
                type="button"
                className="button"
                onClick={() => goForgot({ serverId: demoServer.id, email: demo.email ?? '' })}
              >
                Forgot password
              </button>
              <button
                type="button"
                className="button button--quiet"
                aria-busy={resetting || undefined}
                onClick={() => void resetDemo()}
              >
                {resetting ? 'Resetting the demo…' : 'Reset demo'}
              </button>
            </div>
            <ErrorAlert error={resetFailure} />
          </section>
        ) : null}
        <section className="card" aria-labelledby="own-title">
          <h2 id="own-title" className="card-title">
            {realServers.length > 1 ? 'Your organisation’s servers' : 'Your organisation’s server'}
          </h2>
          {realServers.length > 0 ? (
            <>
              <p>
                {realServers.length === 1
                  ? `${realServers[0]?.displayName ?? 'A server'} is set up.`
                  : `${realServers.length} servers are set up.`}{' '}
                Sign in to add your account.
              </p>
              <div className="actions">
                <button
                  type="button"
                  className={ownPrimary}
                  {...ownMark}
                  onClick={() => goSignIn({ serverId: realServers[0]?.id ?? null, reason: 'add' })}
                >
                  Sign in
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => goForgot({ serverId: realServers[0]?.id ?? null })}
                >
                  Forgot password
                </button>
                {info && !info.serversLocked ? (
                  <button type="button" className="button" onClick={goAddServer}>
                    Add a server
                  </button>
                ) : null}
              </div>
            </>
          ) : info?.serversLocked ? (
            <p>Your IT team manages the server list. None is set up yet: ask them.</p>
          ) : (
            <>
              <p>Add it with the address your IT team gave you, e.g. https://accounts.example.com.</p>
              <div className="actions">
                <button type="button" className={ownPrimary} {...ownMark} onClick={goAddServer}>
                  Add a server
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
