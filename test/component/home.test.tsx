import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { alice, appInfo, demoServer, djoserServer, fail, ok } from './fake-bridge'
import { renderApp } from './render-app'

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

  it('lists accounts with their server and state, and the actions each allows', async () => {
    const bob = { ...alice, id: 'corp:bob', username: 'bob', email: undefined, signedIn: false } as const
    await renderApp({ listAccounts: () => ok([alice, bob]) })
    const items = screen.getAllByRole('listitem')
    const aliceRow = items.find((li) => within(li).queryByText('alice')) as HTMLElement
    const bobRow = items.find((li) => within(li).queryByText('bob')) as HTMLElement
    expect(within(aliceRow).getByText('Signed in')).toBeInTheDocument()
    expect(within(aliceRow).getByText('Example Corp')).toBeInTheDocument()
    expect(
      within(aliceRow).getByRole('button', { name: 'Change password for alice on Example Corp' }),
    ).toBeVisible()
    expect(within(aliceRow).getByRole('button', { name: 'Sign out for alice on Example Corp' })).toBeVisible()
    expect(
      within(aliceRow).getByRole('button', { name: 'Forgot password for alice on Example Corp' }),
    ).toBeVisible()
    expect(within(bobRow).getByText('Signed out')).toBeInTheDocument()
    expect(within(bobRow).getByRole('button', { name: 'Sign in for bob on Example Corp' })).toBeVisible()
    expect(within(bobRow).queryByRole('button', { name: /Change password/ })).not.toBeInTheDocument()
  })

  it('signs out through the bridge, refreshes the list and says so', async () => {
    let signedIn = true
    const { user, fake } = await renderApp({
      listAccounts: () => ok([{ ...alice, signedIn }]),
      signOut: () => {
        signedIn = false
        return ok({})
      },
    })
    await user.click(screen.getByRole('button', { name: /^Sign out/ }))
    expect(await screen.findByText('Signed out of Example Corp as alice.')).toBeInTheDocument()
    expect(screen.getByText('Signed out')).toBeInTheDocument()
    expect(fake.callsOf('signOut')).toEqual([{ accountId: 'corp:alice' }])
  })

  it('shows a failed sign-out in an alert, with the message from main', async () => {
    const { user } = await renderApp({
      listAccounts: () => ok([alice]),
      signOut: () => fail({ kind: 'offline', message: 'You seem to be offline.' }),
    })
    await user.click(screen.getByRole('button', { name: /^Sign out/ }))
    const alert = await screen.findByText('You seem to be offline.')
    expect(alert.closest('[role="alert"]')).not.toBeNull()
    expect(screen.getByText('No connection')).toBeInTheDocument()
  })

  it('"forgot password" on an account opens the form with its server and e-mail', async () => {
    const { user } = await renderApp({
      listAccounts: () => ok([alice]),
      listServers: () => ok([djoserServer, demoServer]),
    })
    await user.click(screen.getByRole('button', { name: /^Forgot password for alice/ }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Forgot password' })).toBeInTheDocument()
    expect(screen.getByLabelText('Server')).toHaveValue('corp')
    expect(screen.getByLabelText(/^E-mail address/)).toHaveValue('alice@example.com')
  })

  it('shows the notices main sends (a bad policy file, secrets in memory only)', async () => {
    await renderApp({
      getAppInfo: () =>
        ok(
          appInfo({ notices: [{ level: 'warning', message: 'Sessions are kept only while the app runs.' }] }),
        ),
    })
    expect(screen.getByText('Sessions are kept only while the app runs.')).toBeInTheDocument()
  })

  it('says so when the background service does not answer at start', async () => {
    const { createFakeBridge } = await import('./fake-bridge')
    const fake = createFakeBridge({
      getAppInfo: () => fail({ kind: 'internal', message: 'The browser shell is not reachable.' }),
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
