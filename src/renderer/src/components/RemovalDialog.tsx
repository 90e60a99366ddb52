import type { ReactNode } from 'react'
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
  const removeAccount = useApp((s) => s.removeAccount)
  const where = server?.displayName ?? account.serverId
  return (
    <Confirm
      title={`Remove ${account.username} on ${where}?`}
      confirmLabel="Remove account"
      busyLabel="Removing…"
      action="removeAccount"
      onConfirm={() => void removeAccount(account.id)}
      // The account's menu went with it: the next account's menu, else the screen's primary action.
      fallbackFocus={() => (nextAccountId ? accountMenuButton(nextAccountId) : null) ?? primaryAction()}
      description={
        <>
          <p>
            The account <strong>{account.username}</strong> on <strong>{where}</strong> is removed from this
            computer.
            {account.signedIn ? ' Account Desk signs it out first.' : null}
          </p>
          <p>The account itself stays on the server: sign in again to add it back.</p>
        </>
      }
    />
  )
}

function RemoveServer({ server, accounts }: { server: ServerSummary; accounts: Account[] }) {
  const removeServer = useApp((s) => s.removeServer)
  return (
    <Confirm
      title={`Remove ${server.displayName}?`}
      confirmLabel="Remove server"
      busyLabel="Removing…"
      action="removeServer"
      onConfirm={() => void removeServer(server.id)}
      fallbackFocus={primaryAction}
      description={
        <>
          <p>
            The server <strong>{server.displayName}</strong> ({server.host}) is removed from Account Desk on
            this computer.
          </p>
          <p>
            {accounts.length === 0
              ? 'No account on this computer uses it.'
              : `Its accounts on this computer are removed too (${accounts.map((a) => a.username).join(', ')}); those signed in are signed out first.`}
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
  const cancel = useApp((s) => s.cancelRemoval)
  const busy = pending === action
  return (
    <Dialog title={title} description={description} onEscape={cancel} fallbackFocus={fallbackFocus}>
      <button type="button" className="button" aria-disabled={busy || undefined} onClick={cancel}>
        Cancel
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
