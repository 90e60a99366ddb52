import { MessageText } from '../errors/MessageText'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Account, ServerSummary } from '../../../shared/contract'
import { ErrorAlert } from '../components/ErrorAlert'
import { MenuButton, type MenuItem } from '../components/MenuButton'
import { ACCOUNT_MENU_DATA, PRIMARY_ACTION } from '../focus-targets'
import { StepHeading } from '../components/StepHeading'
import { AddServerButton } from '../components/AddServerButton'
import { formatDateTime } from '../format'
import { useFailure } from '../hooks/useFailure'
import { useApp } from '../store/provider'
import { EmptyState } from './EmptyState'
import { ServerList } from './ServerList'

/** The accounts (server, user, signed in or not) with what can be done to each; an empty state without any. */
export function AccountsHome() {
  const accounts = useApp((s) => s.accounts)
  const servers = useApp((s) => s.servers)
  const goSignIn = useApp((s) => s.goSignIn)
  const goForgot = useApp((s) => s.goForgot)
  const failure = useFailure('signOut', 'removeAccount', 'removeServer')
  const { t } = useTranslation()

  if (accounts.length === 0) return <EmptyState />

  return (
    <div className="screen">
      <StepHeading>{t('home.title')}</StepHeading>
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
        <button
          type="button"
          className="button button--primary"
          {...PRIMARY_ACTION}
          onClick={() => goSignIn({ reason: 'add' })}
        >
          {t('home.addAccount')}
        </button>
        <button type="button" className="button" onClick={() => goForgot()}>
          {t('actions.forgotPassword')}
        </button>
        <AddServerButton />
      </div>
      <ServerList />
    </div>
  )
}

function AccountRow({ account, server }: { account: Account; server: ServerSummary | undefined }) {
  const pending = useApp((s) => s.pending)
  const appName = useApp((s) => s.info?.name ?? null)
  const signOut = useApp((s) => s.signOut)
  const goChange = useApp((s) => s.goChange)
  const goSignIn = useApp((s) => s.goSignIn)
  const goForgot = useApp((s) => s.goForgot)
  const askRemoval = useApp((s) => s.askRemoval)
  const [signingOut, setSigningOut] = useState(false)
  const { t } = useTranslation()
  const where = t('account.where', {
    username: account.username,
    server: server?.displayName ?? account.serverId,
  })
  const busy = signingOut && pending === 'signOut'
  const items: MenuItem[] = [
    ...(account.signedIn
      ? [
          { label: t('account.change'), onSelect: () => goChange(account.id) },
          {
            label: t('account.signOut'),
            disabled: pending !== null,
            onSelect: () => {
              setSigningOut(true)
              void signOut(account.id).finally(() => setSigningOut(false))
            },
          },
        ]
      : [
          {
            label: t('account.signIn'),
            onSelect: () => goSignIn({ serverId: account.serverId, username: account.username }),
          },
        ]),
    {
      label: t('actions.forgotPassword'),
      onSelect: () =>
        goForgot({ serverId: account.serverId, ...(account.email ? { email: account.email } : {}) }),
    },
    {
      label: t('account.remove'),
      danger: true,
      disabled: pending !== null,
      onSelect: () => askRemoval({ kind: 'account', accountId: account.id }),
    },
  ]
  return (
    <li className="account card">
      <div className="account-who">
        <p className="account-name" data-server-text="">
          {account.username}
        </p>
        <p className="account-server">
          <span data-server-text="">{server?.displayName ?? account.serverId}</span>
          {server ? (
            <span className="muted">
              {' · '}
              <span data-server-text="">{server.host}</span>
            </span>
          ) : null}
        </p>
        {account.email ? (
          <p className="muted small" data-server-text="">
            {account.email}
          </p>
        ) : null}
      </div>
      <div className="account-state">
        <span className={`badge ${account.signedIn ? 'badge--on' : 'badge--off'}`}>
          {busy ? t('account.signingOut') : account.signedIn ? t('account.signedIn') : t('account.signedOut')}
        </span>
        {account.signedIn && account.sessionStorage === 'memory-only' ? (
          <span className="muted small">{t('account.untilClose', { name: appName ?? t('app.name') })}</span>
        ) : null}
        {account.lastSignedInAt ? (
          <span className="muted small">
            {t('account.lastSignIn', { date: formatDateTime(account.lastSignedInAt) })}
          </span>
        ) : null}
      </div>
      <MenuButton
        label={t('account.actions')}
        name={t('account.actionsFor', { where })}
        items={items}
        busy={busy}
        buttonData={{ key: ACCOUNT_MENU_DATA, value: account.id }}
      />
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
        <li key={JSON.stringify(n.message)} className={`notice notice--${n.level}`}>
          <p>
            <MessageText message={n.message} />
          </p>
        </li>
      ))}
    </ul>
  )
}
