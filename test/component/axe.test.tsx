import { act, screen, within } from '@testing-library/react'
import axe from 'axe-core'
import { describe, expect, it } from 'vitest'
import { alice, appInfo, demoServer, djoserServer, fail, formsServer, linkFor, ok } from './fake-bridge'
import { accountAction, renderApp } from './render-app'

/** axe-core in jsdom (no layout: colour contrast is checked in Chromium by the e2e run). */
async function violations() {
  const results = await axe.run(document.body, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    rules: { 'color-contrast': { enabled: false } },
  })
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

describe('axe finds nothing on any screen (jsdom)', { timeout: 60_000 }, () => {
  it('home: empty with the demo, then with accounts', async () => {
    const { unmount } = await renderApp({
      getAppInfo: () =>
        ok(
          appInfo({
            demo: { enabled: true, running: true, username: 'demo', password: 'pw', email: 'd@example.com' },
          }),
        ),
      listServers: () => ok([demoServer]),
      listDemoMail: () =>
        ok([
          {
            id: 'm',
            to: 'd@example.com',
            subject: 'Reset',
            receivedAt: new Date().toISOString(),
            text: '[reset link]',
            hasLink: true,
          },
        ]),
    })
    expect(await violations()).toEqual([])
    unmount()
    await renderApp({
      listAccounts: () => ok([alice, { ...alice, id: 'b', username: 'bob', signedIn: false }]),
    })
    expect(await violations()).toEqual([])
  })

  it('sign in with field errors and an alert; add server', async () => {
    const { user } = await renderApp({
      listAccounts: () => ok([alice]),
      signIn: () =>
        fail({
          kind: 'validation',
          message: { code: 'form.check-fields' },
          fields: { password: ['Required.'], form: ['Locked.'] },
        }),
    })
    await user.click(screen.getByRole('button', { name: 'Add an account' }))
    await user.type(await screen.findByLabelText('Username'), 'alice')
    await user.type(screen.getByLabelText('Password'), 'x{Enter}')
    await screen.findByText('Locked.')
    expect(await violations()).toEqual([])
    await user.click(screen.getByRole('button', { name: 'All accounts' }))
    // What was typed would be lost: the app asks first, in a dialog axe checks too.
    const leave = await screen.findByRole('dialog', { name: 'Leave this screen?' })
    expect(await violations()).toEqual([])
    await user.click(within(leave).getByRole('button', { name: 'Leave' }))
    await user.click(await screen.findByRole('button', { name: 'Add a server' }))
    await user.click(await screen.findByRole('button', { name: 'Add the server' }))
    expect(await violations()).toEqual([])
  })

  it('add server: the check found a kind, found none (the kind asked for), could not reach the server', async () => {
    const { user, fake } = await renderApp({
      listServers: () => ok([]),
      detectServer: ({ baseUrl }) =>
        ok({ baseUrl, found: [{ software: 'djoser', kind: 'djoser', signIn: 'email' }] }),
    })
    await user.click(await screen.findByRole('button', { name: 'Add a server' }))
    await user.type(screen.getByLabelText('Name'), 'Corp')
    await user.type(screen.getByLabelText('Address'), 'https://a.example.com')
    await user.tab()
    await screen.findByText(/This server uses a sign-in service for apps/)
    expect(await violations()).toEqual([])
    fake.set('detectServer', ({ baseUrl }) => ok({ baseUrl, found: [] }))
    await user.type(screen.getByLabelText('Address'), '.org')
    await user.tab()
    await screen.findByText('Account Desk doesn’t recognise this server.')
    await user.click(screen.getByRole('button', { name: 'Add the server' }))
    await screen.findByText('Choose the kind of server to add it anyway.')
    expect(await violations()).toEqual([])
    fake.set('detectServer', () =>
      fail({
        kind: 'unreachable',
        host: 'a.example.net',
        message: { code: 'unreachable' },
        serverMessage: 'Nothing answered.',
      }),
    )
    await user.type(screen.getByLabelText('Address'), '.net')
    await user.tab()
    await screen.findByRole('button', { name: 'Check again' })
    expect(await violations()).toEqual([])
  })

  it('forgot, check your mail, reset form with errors, done, link problem, the dialog', async () => {
    const { user, fake } = await renderApp({
      listAccounts: () => ok([alice]),
      listServers: () => ok([djoserServer]),
      requestReset: () => ok({ requestedAt: new Date().toISOString() }),
      confirmReset: () =>
        fail({
          kind: 'validation',
          message: { code: 'form.check-fields' },
          fields: { new_password: ['This password is too common.'] },
        }),
    })
    await user.click(screen.getByRole('button', { name: 'Forgot password' }))
    await screen.findByRole('heading', { level: 1, name: 'Forgot password' })
    expect(await violations()).toEqual([])
    await user.type(screen.getByLabelText(/^E-mail address/), 'alice@example.com{Enter}')
    await screen.findByRole('heading', { level: 1, name: 'Check your mail' })
    expect(await violations()).toEqual([])
    act(() => fake.emit('onLink', { type: 'link', link: linkFor() }))
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    await user.type(screen.getByLabelText('New password'), 'password')
    await user.type(screen.getByLabelText('New password again'), 'password{Enter}')
    await screen.findByText('This password is too common.', { selector: 'li > [data-server-text]' })
    expect(await violations()).toEqual([])
    act(() =>
      fake.emit('onLink', { type: 'link', link: linkFor({ handle: 'ffffffffffffffffffffffffffffffff' }) }),
    )
    await screen.findByRole('dialog')
    expect(await violations()).toEqual([])
    await user.click(screen.getByRole('button', { name: 'Open the link' }))
    fake.set('confirmReset', () =>
      ok({
        serverId: 'corp',
        username: 'alice',
        otherSessions: { code: 'sessions.reset-may-remain', endsAll: false },
      }),
    )
    await user.type(await screen.findByLabelText('New password'), 'Tr1cky-Harbour-42')
    await user.type(screen.getByLabelText('New password again'), 'Tr1cky-Harbour-42{Enter}')
    await screen.findByRole('heading', { level: 1, name: 'Your password has been reset' })
    expect(await violations()).toEqual([])
    act(() =>
      fake.emit('onLink', { type: 'link', link: linkFor({ handle: 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee' }) }),
    )
    fake.set('confirmReset', () =>
      fail({
        kind: 'link-invalid',
        reason: 'dead',
        message: { code: 'link.dead' },
        serverMessage: 'Dead link.',
      }),
    )
    await user.type(await screen.findByLabelText('New password'), 'Tr1cky-Harbour-42')
    await user.type(screen.getByLabelText('New password again'), 'Tr1cky-Harbour-42{Enter}')
    await screen.findByRole('heading', { level: 1, name: 'This link can’t be used' })
    expect(await violations()).toEqual([])
  })

  it('change password and its done screen', async () => {
    const { user } = await renderApp({
      listAccounts: () => ok([alice]),
      changePassword: () =>
        ok({ stillSignedIn: true, otherSessions: { code: 'sessions.change-signed-out' } }),
    })
    await accountAction(user, 'alice on Example Corp', 'Change password')
    await screen.findByRole('heading', { level: 1, name: 'Change password' })
    expect(await violations()).toEqual([])
    await user.type(screen.getByLabelText('Current password'), 'Old-Password-1')
    await user.type(screen.getByLabelText('New password'), 'New-Harbour-77')
    await user.type(screen.getByLabelText('New password again'), 'New-Harbour-77{Enter}')
    await screen.findByRole('heading', { level: 1, name: 'Your password has been changed' })
    expect(await violations()).toEqual([])
  })

  it('the account menu open, About, sign-in without a server, a link arrived and a link waiting', async () => {
    const { user, unmount } = await renderApp({
      listAccounts: () => ok([alice, { ...alice, id: 'b', username: 'bob', signedIn: false }]),
      listServers: () => ok([]),
      getDiagnostics: () => ok({ text: 'Account Desk 0.1.0', logFile: '/logs/main.log' }),
    })
    await user.click(screen.getByRole('button', { name: /^Actions for alice/ }))
    await screen.findByRole('menu')
    expect(await violations()).toEqual([])
    await user.keyboard('{Escape}')
    await user.click(screen.getByRole('button', { name: 'Add an account' }))
    await screen.findByText(/No server is set up yet/)
    expect(await violations()).toEqual([])
    await user.click(screen.getByRole('button', { name: 'About' }))
    await screen.findByRole('button', { name: 'Copy diagnostics' })
    expect(await violations()).toEqual([])
    unmount()

    const app = await renderApp({
      listAccounts: () => ok([alice]),
      listServers: () => ok([formsServer]),
    })
    act(() => app.fake.emit('onLink', { type: 'link', link: linkFor({ serverId: 'intranet' }) }))
    await screen.findByRole('heading', { level: 1, name: 'A reset link arrived' })
    expect(await violations()).toEqual([])
  })

  it('a link kept for later waits in a notice', async () => {
    const { user, fake } = await renderApp({ listAccounts: () => ok([alice]) })
    await accountAction(user, 'alice on Example Corp', 'Change password')
    await user.type(await screen.findByLabelText('Current password'), 'half typed')
    act(() => fake.emit('onLink', { type: 'link', link: linkFor() }))
    await screen.findByRole('dialog')
    await user.keyboard('{Escape}')
    await screen.findByText(/is waiting/)
    expect(await violations()).toEqual([])
  })
})
