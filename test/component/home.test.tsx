import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { alice, appInfo, demoServer, djoserServer, fail, ok } from './fake-bridge'
import { accountAction, renderApp } from './render-app'

describe('accounts home', () => {
  it('without accounts and with the demo running, shows the demo credentials and leads to its sign-in', async () => {
    const { user, fake } = await renderApp({
      getAppInfo: () =>
        ok(
          appInfo({
            demo: {
              enabled: true,
              running: true,
              username: 'demo',
              password: 'demo-pass-2024',
              email: 'demo@example.com',
            },
          }),
        ),
      listServers: () => ok([demoServer]),
    })
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome to Account Desk' })).toHaveFocus()
    const demo = screen.getByRole('region', { name: 'Try it with the demo server' })
    expect(within(demo).getByText('demo-pass-2024')).toBeInTheDocument()
    expect(within(demo).getByText('demo@example.com')).toBeInTheDocument()
    expect(screen.getByRole('complementary', { name: 'Demo mailbox' })).toBeInTheDocument()
    await user.click(within(demo).getByRole('button', { name: 'Sign in to the demo' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toHaveFocus()
    expect(screen.getByLabelText('Username')).toHaveValue('demo')
    expect(screen.getByText('Demo server')).toBeInTheDocument()
    expect(fake.callsOf('signIn')).toEqual([])
  })

  it('without any server, leads to adding one; a locked server list says whom to ask', async () => {
    const { user } = await renderApp({ listServers: () => ok([]) })
    expect(screen.queryByRole('region', { name: /demo/i })).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Add a server' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Add a server' })).toBeInTheDocument()
  })

  it('a locked server list offers no "add a server"', async () => {
    await renderApp({ listServers: () => ok([]), getAppInfo: () => ok(appInfo({ serversLocked: true })) })
    expect(screen.queryByRole('button', { name: 'Add a server' })).not.toBeInTheDocument()
    expect(screen.getByText(/IT team manages the server list/)).toBeInTheDocument()
  })

  it('lists accounts with their server and state, and the actions each allows in its menu', async () => {
    const bob = { ...alice, id: 'corp:bob', username: 'bob', email: undefined, signedIn: false } as const
    const { user } = await renderApp({ listAccounts: () => ok([alice, bob]) })
    const items = screen.getAllByRole('listitem')
    const aliceRow = items.find((li) => within(li).queryByText('alice')) as HTMLElement
    const bobRow = items.find((li) => within(li).queryByText('bob')) as HTMLElement
    expect(within(aliceRow).getByText('Signed in')).toBeInTheDocument()
    expect(within(aliceRow).getByText('Example Corp')).toBeInTheDocument()
    expect(within(bobRow).getByText('Signed out')).toBeInTheDocument()
    // One compact menu per account, nothing else to press in the row.
    expect(within(aliceRow).getAllByRole('button')).toHaveLength(1)
    const menuItems = async (where: string) => {
      await user.click(screen.getByRole('button', { name: `Actions for ${where}` }))
      const names = within(screen.getByRole('menu'))
        .getAllByRole('menuitem')
        .map((i) => i.textContent)
      await user.keyboard('{Escape}')
      return names
    }
    expect(await menuItems('alice on Example Corp')).toEqual([
      'Change password',
      'Sign out',
      'Forgot password',
      'Remove',
    ])
    expect(await menuItems('bob on Example Corp')).toEqual(['Sign in', 'Forgot password', 'Remove'])
  })

  it('the account menu follows the ARIA menu button pattern', async () => {
    const { user } = await renderApp({ listAccounts: () => ok([alice]) })
    const button = screen.getByRole('button', { name: 'Actions for alice on Example Corp' })
    expect(button).toHaveAttribute('aria-haspopup', 'menu')
    expect(button).toHaveAttribute('aria-expanded', 'false')
    button.focus()
    await user.keyboard('{Enter}')
    const menu = screen.getByRole('menu', { name: 'Actions for alice on Example Corp' })
    expect(button).toHaveAttribute('aria-expanded', 'true')
    expect(button).toHaveAttribute('aria-controls', menu.id)
    const item = (name: string) => within(menu).getByRole('menuitem', { name })
    expect(item('Change password')).toHaveFocus()
    await user.keyboard('{ArrowDown}')
    expect(item('Sign out')).toHaveFocus()
    await user.keyboard('{End}')
    expect(item('Remove')).toHaveFocus()
    await user.keyboard('{ArrowDown}')
    expect(item('Change password')).toHaveFocus()
    await user.keyboard('{ArrowUp}')
    expect(item('Remove')).toHaveFocus()
    await user.keyboard('{Home}')
    expect(item('Change password')).toHaveFocus()
    await user.keyboard('f')
    expect(item('Forgot password')).toHaveFocus()
    // Items are reached with the arrows, not with Tab.
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .every((i) => i.tabIndex === -1),
    ).toBe(true)
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('menu')).not.toBeInTheDocument()
    expect(button).toHaveFocus()
    expect(button).toHaveAttribute('aria-expanded', 'false')
    // ↑ opens on the last item; Tab leaves the menu closed, focus back on its button first.
    await user.keyboard('{ArrowUp}')
    expect(within(screen.getByRole('menu')).getByRole('menuitem', { name: 'Remove' })).toHaveFocus()
    await user.tab()
    expect(screen.queryByRole('menu')).not.toBeInTheDocument()
    // A click elsewhere closes it.
    await user.click(button)
    expect(screen.getByRole('menu')).toBeInTheDocument()
    await user.click(screen.getByRole('heading', { level: 1 }))
    expect(screen.queryByRole('menu')).not.toBeInTheDocument()
  })

  it('Remove is visibly destructive: last, after a separator, in the danger style', async () => {
    const { user } = await renderApp({ listAccounts: () => ok([alice]) })
    await user.click(screen.getByRole('button', { name: 'Actions for alice on Example Corp' }))
    const menu = screen.getByRole('menu')
    const remove = within(menu).getByRole('menuitem', { name: 'Remove' })
    expect(remove).toHaveClass('menu-item--danger')
    expect(within(menu).getAllByRole('menuitem').at(-1)).toBe(remove)
    const separator = within(menu).getByRole('separator')
    expect(separator.compareDocumentPosition(remove) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    expect(within(menu).getByRole('menuitem', { name: 'Sign out' })).not.toHaveClass('menu-item--danger')
  })

  it('signs out through the bridge, refreshes the list, says so, and keeps focus on the account’s menu', async () => {
    let signedIn = true
    const { user, fake } = await renderApp({
      listAccounts: () => ok([{ ...alice, signedIn }]),
      signOut: () => {
        signedIn = false
        return ok({})
      },
    })
    await accountAction(user, 'alice on Example Corp', 'Sign out')
    expect(await screen.findByText('Signed out of Example Corp as alice.')).toBeInTheDocument()
    expect(screen.getByText('Signed out')).toBeInTheDocument()
    expect(fake.callsOf('signOut')).toEqual([{ accountId: 'corp:alice' }])
    expect(screen.getByRole('button', { name: 'Actions for alice on Example Corp' })).toHaveFocus()
  })

  it('shows a failed sign-out in an alert, with the message from main', async () => {
    const { user } = await renderApp({
      listAccounts: () => ok([alice]),
      signOut: () =>
        fail({ kind: 'offline', message: { code: 'offline' }, serverMessage: 'You seem to be offline.' }),
    })
    await accountAction(user, 'alice on Example Corp', 'Sign out')
    const alert = await screen.findByText('You seem to be offline.')
    expect(alert.closest('[role="alert"]')).not.toBeNull()
    expect(screen.getByText('No connection')).toBeInTheDocument()
  })

  it('"forgot password" on an account opens the form with its server and e-mail', async () => {
    const { user } = await renderApp({
      listAccounts: () => ok([alice]),
      listServers: () => ok([djoserServer, demoServer]),
    })
    await accountAction(user, 'alice on Example Corp', 'Forgot password')
    expect(await screen.findByRole('heading', { level: 1, name: 'Forgot password' })).toBeInTheDocument()
    expect(screen.getByLabelText('Server')).toHaveValue('corp')
    expect(screen.getByLabelText(/^E-mail address/)).toHaveValue('alice@example.com')
  })

  it.each([
    ['with accounts', { listAccounts: () => ok([alice]) }, 'Add an account'],
    [
      'the demo and an organisation server',
      {
        getAppInfo: () => ok(appInfo({ demo: { enabled: true, running: true, username: 'demo' } })),
        listServers: () => ok([demoServer, djoserServer]),
      },
      'Sign in to the demo',
    ],
    [
      'the demo alone',
      {
        getAppInfo: () => ok(appInfo({ demo: { enabled: true, running: true, username: 'demo' } })),
        listServers: () => ok([demoServer]),
      },
      'Sign in to the demo',
    ],
    ['no server', { listServers: () => ok([]) }, 'Add a server'],
  ] as const)('home, %s: one primary action', async (_name, impls, primary) => {
    await renderApp(impls)
    const primaries = Array.from(document.querySelectorAll('main .button--primary'))
    expect(primaries.map((b) => b.textContent)).toEqual([primary])
  })

  it('shows the notices main sends (a bad policy file, secrets in memory only)', async () => {
    await renderApp({
      getAppInfo: () =>
        ok(appInfo({ notices: [{ level: 'warning', message: { code: 'notice.secrets-session-only' } }] })),
    })
    expect(screen.getByText('Sign-ins are kept only while this session runs.')).toBeInTheDocument()
  })

  it('says so when the background service does not answer at start', async () => {
    const { createFakeBridge } = await import('./fake-bridge')
    const fake = createFakeBridge({
      getAppInfo: () =>
        fail({
          kind: 'internal',
          message: { code: 'internal.bug' },
          serverMessage: 'The browser shell is not reachable.',
        }),
    })
    const { render } = await import('@testing-library/react')
    const { createAppStore } = await import('../../src/renderer/src/store/store')
    const { StoreProvider } = await import('../../src/renderer/src/store/provider')
    const { App } = await import('../../src/renderer/src/App')
    const store = createAppStore({ bridge: fake.bridge })
    store.getState().start()
    render(
      <StoreProvider store={store}>
        <App />
      </StoreProvider>,
    )
    expect(await screen.findByRole('heading', { name: 'Account Desk could not start' })).toBeInTheDocument()
    expect(screen.getByRole('alert')).toHaveTextContent('The browser shell is not reachable.')
  })
})
