import { useState } from 'react'
import type { Account, ServerSummary } from '../../../shared/contract'
import { ErrorAlert } from '../components/ErrorAlert'
import { StepHeading } from '../components/StepHeading'
import { formatDateTime } from '../format'
import { useFailure } from '../hooks/useFailure'
import { useApp } from '../store/provider'
import { EmptyState } from './EmptyState'
import { ServerList } from './ServerList'

/** The accounts (server, user, signed in or not) with what can be done to each; an empty state without any. */
export function AccountsHome() {
  const accounts = useApp((s) => s.accounts)
  const servers = useApp((s) => s.servers)
  const info = useApp((s) => s.info)
  const goSignIn = useApp((s) => s.goSignIn)
  const goForgot = useApp((s) => s.goForgot)
  const goAddServer = useApp((s) => s.goAddServer)
  const failure = useFailure('signOut', 'removeAccount', 'removeServer')

  if (accounts.length === 0) return <EmptyState />

  return (
    <div className="screen">
      <StepHeading>Your accounts</StepHeading>
      <AppNotices />
      <ErrorAlert error={failure} />
      <ul className="account-list">
        {accounts.map((account) => (
          <AccountRow
            key={account.id}
            account={account}
            server={servers.find((s) => s.id === account.serverId)}
          />
        ))}
      </ul>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={() => goSignIn({ reason: 'add' })}>
          Add an account
        </button>
        <button type="button" className="button" onClick={() => goForgot()}>
          Forgot password
        </button>
        {info && !info.serversLocked ? (
          <button type="button" className="button" onClick={goAddServer}>
            Add a server
          </button>
        ) : null}
      </div>
      <ServerList />
    </div>
  )
}

function AccountRow({ account, server }: { account: Account; server: ServerSummary | undefined }) {
  const pending = useApp((s) => s.pending)
  const signOut = useApp((s) => s.signOut)
  const goChange = useApp((s) => s.goChange)
  const goSignIn = useApp((s) => s.goSignIn)
  const goForgot = useApp((s) => s.goForgot)
  const askRemoval = useApp((s) => s.askRemoval)
  const [signingOut, setSigningOut] = useState(false)
  const where = `${account.username} on ${server?.displayName ?? account.serverId}`
  const who = `for ${where}`
  const busy = signingOut && pending === 'signOut'
  return (
    <li className="account card">
      <div className="account-who">
        <p className="account-name">{account.username}</p>
        <p className="account-server">
          {server?.displayName ?? account.serverId}
          {server ? <span className="muted"> · {server.host}</span> : null}
        </p>
        {account.email ? <p className="muted small">{account.email}</p> : null}
      </div>
      <div className="account-state">
        <span className={`badge ${account.signedIn ? 'badge--on' : 'badge--off'}`}>
          {account.signedIn ? 'Signed in' : 'Signed out'}
        </span>
        {account.signedIn && account.sessionStorage === 'memory-only' ? (
          <span className="muted small">until Account Desk closes</span>
        ) : null}
        {account.lastSignedInAt ? (
          <span className="muted small">Last sign-in {formatDateTime(account.lastSignedInAt)}</span>
        ) : null}
      </div>
      <div className="account-actions">
        {account.signedIn ? (
          <>
            <button
              type="button"
              className="button"
              aria-label={`Change password ${who}`}
              onClick={() => goChange(account.id)}
            >
              Change password
            </button>
            <button
              type="button"
              className="button"
              aria-label={`${busy ? 'Signing out' : 'Sign out'} ${who}`}
              aria-busy={busy || undefined}
              aria-disabled={pending !== null || undefined}
              onClick={() => {
                if (pending !== null) return
                setSigningOut(true)
                void signOut(account.id).finally(() => setSigningOut(false))
              }}
            >
              {busy ? 'Signing out…' : 'Sign out'}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button"
            aria-label={`Sign in ${who}`}
            onClick={() => goSignIn({ serverId: account.serverId, username: account.username })}
          >
            Sign in
          </button>
        )}
        <button
          type="button"
          className="button button--quiet"
          aria-label={`Forgot password ${who}`}
          onClick={() =>
            goForgot({ serverId: account.serverId, ...(account.email ? { email: account.email } : {}) })
          }
        >
          Forgot password
        </button>
        <button
          type="button"
          className="button button--quiet"
          aria-label={`Remove ${where}`}
          aria-disabled={pending !== null || undefined}
          onClick={() => askRemoval({ kind: 'account', accountId: account.id })}
        >
          Remove
        </button>
      </div>
    </li>
  )
}

/** What main wants the user to know: a bad policy file moved aside, secrets in memory only, … */
export function AppNotices() {
  const notices = useApp((s) => s.info?.notices)
  if (!notices || notices.length === 0) return null
  return (
    <ul className="app-notices">
      {notices.map((n) => (
        <li key={n.message} className={`notice notice--${n.level}`}>
          <p>{n.message}</p>
        </li>
      ))}
    </ul>
  )
}
