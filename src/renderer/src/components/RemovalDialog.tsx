import type { ReactNode } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { DATA } from '../i18n/markup'
import { formatList } from '../format'
import type { Account, ServerSummary } from '../../../shared/contract'
import { useApp } from '../store/provider'
import { accountMenuButton, primaryAction } from '../focus-targets'
import { Dialog } from './Dialog'

/** "Remove … ?": asks before an account or a server the user added is removed from this computer. */
export function RemovalDialog() {
  const removal = useApp((s) => s.removal)
  const accounts = useApp((s) => s.accounts)
  const servers = useApp((s) => s.servers)
  if (!removal) return null
  if (removal.kind === 'account') {
    const account = accounts.find((a) => a.id === removal.accountId)
    if (!account) return null
    const index = accounts.indexOf(account)
    const next = accounts[index + 1] ?? accounts[index - 1]
    return (
      <RemoveAccount
        account={account}
        server={servers.find((s) => s.id === account.serverId)}
        nextAccountId={next?.id}
      />
    )
  }
  const server = servers.find((s) => s.id === removal.serverId)
  if (!server) return null
  return <RemoveServer server={server} accounts={accounts.filter((a) => a.serverId === server.id)} />
}

function RemoveAccount({
  account,
  server,
  nextAccountId,
}: {
  account: Account
  server: ServerSummary | undefined
  nextAccountId: string | undefined
}) {
  const { t } = useTranslation()
  const appName = useApp((s) => s.info?.name ?? null) ?? t('app.name')
  const removeAccount = useApp((s) => s.removeAccount)
  const where = server?.displayName ?? account.serverId
  return (
    <Confirm
      title={t('removal.accountTitle', { username: account.username, server: where })}
      confirmLabel={t('removal.removeAccount')}
      busyLabel={t('removal.busy')}
      action="removeAccount"
      onConfirm={() => void removeAccount(account.id)}
      // The account's menu went with it: the next account's menu, else the screen's primary action.
      fallbackFocus={() => (nextAccountId ? accountMenuButton(nextAccountId) : null) ?? primaryAction()}
      description={
        <>
          <p>
            <Trans
              t={t}
              i18nKey="removal.accountText"
              values={{ username: account.username, server: where }}
              components={DATA}
            />
            {account.signedIn ? ` ${t('removal.signsOutFirst', { name: appName })}` : null}
          </p>
          <p>{t('removal.accountStays')}</p>
        </>
      }
    />
  )
}

function RemoveServer({ server, accounts }: { server: ServerSummary; accounts: Account[] }) {
  const { t } = useTranslation()
  const appName = useApp((s) => s.info?.name ?? null) ?? t('app.name')
  const removeServer = useApp((s) => s.removeServer)
  return (
    <Confirm
      title={t('removal.serverTitle', { server: server.displayName })}
      confirmLabel={t('servers.remove')}
      busyLabel={t('removal.busy')}
      action="removeServer"
      onConfirm={() => void removeServer(server.id)}
      fallbackFocus={primaryAction}
      description={
        <>
          <p>
            <Trans
              t={t}
              i18nKey="removal.serverText"
              values={{ server: server.displayName, host: server.host, name: appName }}
              components={DATA}
            />
          </p>
          <p>
            {accounts.length === 0
              ? t('removal.noAccounts')
              : t('removal.accountsToo', {
                  count: accounts.length,
                  usernames: formatList(accounts.map((a) => a.username)),
                })}
          </p>
        </>
      }
    />
  )
}

/** The dialog's shell: Cancel first (where focus lands), then the removal, busy while main works. */
function Confirm({
  title,
  description,
  confirmLabel,
  busyLabel,
  action,
  onConfirm,
  fallbackFocus,
}: {
  title: string
  description: ReactNode
  confirmLabel: string
  busyLabel: string
  action: 'removeAccount' | 'removeServer'
  onConfirm: () => void
  fallbackFocus: () => HTMLElement | null
}) {
  const pending = useApp((s) => s.pending)
  const { t } = useTranslation()
  const cancel = useApp((s) => s.cancelRemoval)
  const busy = pending === action
  return (
    <Dialog title={title} description={description} onEscape={cancel} fallbackFocus={fallbackFocus}>
      <button type="button" className="button" aria-disabled={busy || undefined} onClick={cancel}>
        {t('actions.cancel')}
      </button>
      <button
        type="button"
        className="button button--danger"
        aria-busy={busy || undefined}
        aria-disabled={pending !== null || undefined}
        onClick={() => {
          if (pending === null) onConfirm()
        }}
      >
        {busy ? busyLabel : confirmLabel}
      </button>
    </Dialog>
  )
}
