import { screen, waitFor, within } from '@testing-library/react'
import axe from 'axe-core'
import { describe, expect, it } from 'vitest'
import type { Account, ServerSummary } from '../../src/shared/contract'
import type { Result } from '../../src/shared/errors'
import { alice, deferred, demoServer, djoserServer, fail, formsServer, ok } from './fake-bridge'
import { accountAction, renderApp } from './render-app'

const bob: Account = { ...alice, id: 'corp:bob', username: 'bob', email: undefined, signedIn: false }

async function violations() {
  const results = await axe.run(document.body, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    rules: { 'color-contrast': { enabled: false } },
  })
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** A fake main that really removes: the lists it answers change after a removal. */
function withState(initialServers: ServerSummary[], initialAccounts: Account[]) {
  let servers = [...initialServers]
  let accounts = [...initialAccounts]
  return {
    listServers: () => ok(servers),
    listAccounts: () => ok(accounts),
    removeAccount: ({ accountId }: { accountId: string }) => {
      accounts = accounts.filter((a) => a.id !== accountId)
      return ok({})
    },
    removeServer: ({ serverId }: { serverId: string }) => {
      servers = servers.filter((s) => s.id !== serverId)
      accounts = accounts.filter((a) => a.serverId !== serverId)
      return ok({})
    },
  }
}

describe('removing an account', () => {
  it('asks in a modal dialog (focus in, signed-in explained), then removes, refreshes and says so', async () => {
    const { user, fake } = await renderApp(withState([djoserServer], [alice, bob]))
    await accountAction(user, 'alice on Example Corp', 'Remove')
    const dialog = await screen.findByRole('dialog', { name: 'Remove alice on Example Corp?' })
    expect(dialog).toHaveAttribute('aria-modal', 'true')
    expect(dialog).toHaveAccessibleDescription(/removed from this computer\. Account Desk signs it out first/)
    expect(document.querySelector('.shell')).toHaveAttribute('inert')
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus()
    expect(fake.callsOf('removeAccount')).toEqual([])
    const listsBefore = fake.callsOf('listAccounts').length

    await user.click(within(dialog).getByRole('button', { name: 'Remove account' }))
    expect(await screen.findByText('Removed alice on Example Corp from Account Desk.')).toBeInTheDocument()
    expect(fake.callsOf('removeAccount')).toEqual([{ accountId: 'corp:alice' }])
    expect(fake.callsOf('listAccounts').length).toBeGreaterThan(listsBefore)
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /alice/ })).not.toBeInTheDocument()
    expect(document.querySelector('.shell')).not.toHaveAttribute('inert')
    // The menu that opened the dialog went with the account: focus lands on the next account's menu.
    expect(screen.getByRole('button', { name: 'Actions for bob on Example Corp' })).toHaveFocus()
  })

  it('a signed-out account is not said to be signed out; the last one leads back to the welcome screen', async () => {
    const { user, fake } = await renderApp(withState([djoserServer], [bob]))
    await accountAction(user, 'bob on Example Corp', 'Remove')
    const dialog = await screen.findByRole('dialog', { name: 'Remove bob on Example Corp?' })
    expect(dialog).not.toHaveAccessibleDescription(/signs it out/)
    await user.click(within(dialog).getByRole('button', { name: 'Remove account' }))
    expect(await screen.findByRole('heading', { level: 1, name: /Welcome/ })).toBeInTheDocument()
    expect(fake.callsOf('removeAccount')).toEqual([{ accountId: 'corp:bob' }])
    // No account left to go to: focus lands on the screen's primary action.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign in' })).toHaveFocus())
  })

  it('Cancel and Escape remove nothing, and focus returns to the account’s menu', async () => {
    const { user, fake } = await renderApp(withState([djoserServer], [alice]))
    const button = screen.getByRole('button', { name: 'Actions for alice on Example Corp' })
    await accountAction(user, 'alice on Example Corp', 'Remove')
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(button).toHaveFocus()
    await accountAction(user, 'alice on Example Corp', 'Remove')
    await screen.findByRole('dialog')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(button).toHaveFocus()
    expect(fake.callsOf('removeAccount')).toEqual([])
    expect(screen.getByText('alice')).toBeVisible()
  })

  it('stays open and busy while main works; a failure closes it and shows the alert', async () => {
    const answer = deferred<Result<Record<string, never>>>()
    const { user } = await renderApp({
      listAccounts: () => ok([alice]),
      removeAccount: () => answer.promise,
    })
    const button = screen.getByRole('button', { name: 'Actions for alice on Example Corp' })
    await accountAction(user, 'alice on Example Corp', 'Remove')
    const dialog = await screen.findByRole('dialog')
    await user.click(within(dialog).getByRole('button', { name: 'Remove account' }))
    const busy = await within(dialog).findByRole('button', { name: 'Removing…' })
    expect(busy).toHaveAttribute('aria-busy', 'true')
    await user.keyboard('{Escape}')
    expect(screen.getByRole('dialog')).toBeInTheDocument()
    answer.resolve(fail({ kind: 'offline', message: 'You seem to be offline.' }))
    const alert = await screen.findByText('You seem to be offline.')
    expect(alert.closest('[role="alert"]')).not.toBeNull()
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(button).toHaveFocus()
    expect(screen.queryByText(/^Removed /)).not.toBeInTheDocument()
  })

  it('axe finds nothing with the dialog open', async () => {
    const { user } = await renderApp(withState([djoserServer], [alice, bob]))
    await accountAction(user, 'alice on Example Corp', 'Remove')
    await screen.findByRole('dialog')
    expect(await violations()).toEqual([])
  })
})

describe('removing a server', () => {
  const added: ServerSummary = {
    ...djoserServer,
    id: 'lab',
    displayName: 'Lab',
    baseUrl: 'https://lab.example.org',
    host: 'lab.example.org',
  }
  const carol: Account = { ...alice, id: 'lab:carol', serverId: 'lab', username: 'carol' }

  it('lists the servers with their host; locked ones (policy, demo) offer no Remove', async () => {
    await renderApp(withState([djoserServer, formsServer, demoServer], [alice]))
    const section = screen.getByRole('region', { name: 'Servers' })
    const rows = within(section).getAllByRole('listitem')
    expect(rows).toHaveLength(3)
    expect(within(rows[0] as HTMLElement).getByText(/accounts\.example\.com/)).toBeInTheDocument()
    expect(within(section).getByRole('button', { name: 'Remove server Example Corp' })).toBeVisible()
    expect(within(section).queryByRole('button', { name: /Intranet/ })).not.toBeInTheDocument()
    expect(within(section).queryByRole('button', { name: /Demo/ })).not.toBeInTheDocument()
    expect(within(section).getAllByRole('button')).toHaveLength(1)
  })

  it('asks (its accounts here go too), then removes it and its accounts, refreshes and says so', async () => {
    const { user, fake } = await renderApp(withState([djoserServer, added], [alice, carol]))
    await user.click(screen.getByRole('button', { name: 'Remove server Lab' }))
    const dialog = await screen.findByRole('dialog', { name: 'Remove Lab?' })
    expect(dialog).toHaveAccessibleDescription(
      /lab\.example\.org.*account on this computer is removed too \(carol\)/,
    )
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus()
    expect(await violations()).toEqual([])
    await user.click(within(dialog).getByRole('button', { name: 'Remove server' }))
    expect(await screen.findByText('Removed Lab from Account Desk.')).toBeInTheDocument()
    expect(fake.callsOf('removeServer')).toEqual([{ serverId: 'lab' }])
    expect(fake.callsOf('removeAccount')).toEqual([])
    expect(screen.queryByRole('button', { name: /carol/ })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Remove server Lab' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Actions for alice on Example Corp' })).toBeVisible()
    // The Remove button went with the server: focus lands on the screen's primary action.
    expect(screen.getByRole('button', { name: 'Add an account' })).toHaveFocus()
  })

  it('Cancel and Escape remove nothing', async () => {
    const { user, fake } = await renderApp(withState([djoserServer, added], [alice, carol]))
    const button = screen.getByRole('button', { name: 'Remove server Lab' })
    await user.click(button)
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel' }))
    await user.click(button)
    await screen.findByRole('dialog')
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(button).toHaveFocus()
    expect(fake.callsOf('removeServer')).toEqual([])
    expect(screen.getByRole('button', { name: 'Actions for carol on Lab' })).toBeVisible()
  })

  it('without accounts, a server the user added can still be removed from the welcome screen', async () => {
    const { user, fake } = await renderApp(withState([added, demoServer], []))
    await user.click(screen.getByRole('button', { name: 'Remove server Lab' }))
    const dialog = await screen.findByRole('dialog', { name: 'Remove Lab?' })
    expect(dialog).toHaveAccessibleDescription(/No account on this computer uses it/)
    await user.click(within(dialog).getByRole('button', { name: 'Remove server' }))
    expect(await screen.findByText('Removed Lab from Account Desk.')).toBeInTheDocument()
    expect(fake.callsOf('removeServer')).toEqual([{ serverId: 'lab' }])
    // Only locked servers are left: the welcome screen lists none to remove.
    expect(screen.queryByRole('region', { name: 'Servers' })).not.toBeInTheDocument()
  })
})
