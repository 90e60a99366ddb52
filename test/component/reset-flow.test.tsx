import type { AppMessage } from '../../src/shared/messages'
import { act, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Result } from '../../src/shared/errors'
import {
  alice,
  appInfo,
  deferred,
  demoServer,
  djoserServer,
  fail,
  formsServer,
  linkFor,
  ok,
  type Impls,
} from './fake-bridge'
import { renderApp, storeText } from './render-app'

afterEach(() => {
  vi.useRealTimers()
})

const resetOk = (
  otherSessions: AppMessage | null = { code: 'sessions.reset-may-remain', endsAll: false },
) => ({
  confirmReset: () => ok({ serverId: 'corp', username: 'alice', otherSessions }),
})

async function openForgot(impls: Impls = {}, options = {}) {
  const app = await renderApp(
    { requestReset: () => ok({ requestedAt: new Date().toISOString() }), ...impls },
    options,
  )
  await app.user.click(screen.getByRole('button', { name: /^Forgot (a )?password$/ }))
  await screen.findByRole('heading', { level: 1, name: 'Forgot password' })
  return app
}

async function openLink(impls: Impls = {}, link = linkFor()) {
  const app = await renderApp({ listAccounts: () => ok([alice]), ...impls })
  act(() => app.fake.emit('onLink', { type: 'link', link }))
  return app
}

describe('forgot password → check your mail', () => {
  it('sends the request and shows the same words whatever the address', async () => {
    const texts: string[] = []
    for (const email of ['alice@example.com', 'nobody@example.com']) {
      const { user, fake, unmount } = await openForgot()
      const field = screen.getByLabelText(/^E-mail address/)
      expect(field).toHaveAttribute('autocomplete', 'email')
      await user.type(field, `${email}{Enter}`)
      expect(await screen.findByRole('heading', { level: 1, name: 'Check your mail' })).toHaveFocus()
      expect(fake.callsOf('requestReset')).toEqual([{ serverId: 'corp', email }])
      texts.push((screen.getByRole('main').textContent ?? '').replace(email, '<address>'))
      unmount()
    }
    expect(texts[0]).toEqual(texts[1])
  })

  it('puts the server’s e-mail message on the e-mail field', async () => {
    const { user } = await openForgot({
      requestReset: () =>
        fail({
          kind: 'validation',
          message: { code: 'form.check-fields' },
          serverMessage: 'Check the form.',
          fields: { email: ['Enter a valid email address.'] },
        }),
    })
    await user.type(screen.getByLabelText(/^E-mail address/), 'not-an-email{Enter}')
    expect(await screen.findByText('Enter a valid email address.')).toBeInTheDocument()
    expect(screen.getByLabelText(/^E-mail address/)).toHaveFocus()
    expect(screen.getByLabelText(/^E-mail address/)).toHaveAttribute('aria-invalid', 'true')
  })

  it('after an ambiguous timeout says the mail may be on its way, and offers no blind retry', async () => {
    const { user } = await openForgot({
      requestReset: () =>
        fail({
          kind: 'timeout',
          message: { code: 'timeout.try-again' },
          serverMessage: 'The server did not answer in time.',
          mayHaveApplied: true,
        }),
    })
    await user.type(screen.getByLabelText(/^E-mail address/), 'alice@example.com{Enter}')
    const alert = (await screen.findByText('It may have worked')).closest('[role="alert"]') as HTMLElement
    expect(alert).toHaveTextContent('The e-mail may already be on its way.')
    expect(within(alert).queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument()
  })

  it('offers "send again" only after the cooldown, then asks the server again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const { user, fake } = await openForgot(
      {},
      { resendCooldownSeconds: 5, advanceTimers: (ms: number) => vi.advanceTimersByTime(ms) },
    )
    await user.type(screen.getByLabelText(/^E-mail address/), 'alice@example.com{Enter}')
    await screen.findByRole('heading', { level: 1, name: 'Check your mail' })
    const resend = screen.getByRole('button', { name: /Send the e-mail again \(in 5 s\)/ })
    expect(resend).toHaveAttribute('aria-disabled', 'true')
    await user.click(resend)
    expect(fake.callsOf('requestReset')).toHaveLength(1)
    await act(async () => vi.advanceTimersByTime(5100))
    await user.click(screen.getByRole('button', { name: 'Send the e-mail again' }))
    expect(fake.callsOf('requestReset')).toHaveLength(2)
    expect(await screen.findByText(/We asked the server again/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /Send the e-mail again \(in 5 s\)/ })).toBeInTheDocument()
  })

  it('a rate-limited resend counts down from the server’s time', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    let n = 0
    const { user } = await openForgot(
      {
        requestReset: () =>
          ++n === 1
            ? ok({ requestedAt: new Date().toISOString() })
            : fail({
                kind: 'rate-limited',
                message: { code: 'rate-limited', seconds: 30 },
                serverMessage: 'Request was throttled.',
                retryAfterSeconds: 30,
              }),
      },
      { resendCooldownSeconds: 0, advanceTimers: (ms: number) => vi.advanceTimersByTime(ms) },
    )
    await user.type(screen.getByLabelText(/^E-mail address/), 'alice@example.com{Enter}')
    await screen.findByRole('heading', { level: 1, name: 'Check your mail' })
    await user.click(screen.getByRole('button', { name: 'Send the e-mail again' }))
    expect(await screen.findByText('Request was throttled.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /Send the e-mail again \(in 30 s\)/ })).toHaveAttribute(
      'aria-disabled',
      'true',
    )
  })

  it('opens a pasted link through the bridge and lands on the reset form', async () => {
    const { user, fake } = await openForgot({
      openPastedLink: () => ok(linkFor()),
      listAccounts: () => ok([alice]),
    })
    await user.type(screen.getByLabelText(/^E-mail address/), 'alice@example.com{Enter}')
    await screen.findByRole('heading', { level: 1, name: 'Check your mail' })
    await user.click(screen.getByLabelText(/^Paste the link/))
    await user.paste('https://accounts.example.com/reset/MQ/diusln-88aa9a15913d435fa538b434f728f58d')
    await user.click(screen.getByRole('button', { name: 'Open the link' }))
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    expect(screen.getByLabelText('New password', { exact: true })).toHaveFocus()
    expect(fake.callsOf('openPastedLink')).toEqual([
      { url: 'https://accounts.example.com/reset/MQ/diusln-88aa9a15913d435fa538b434f728f58d' },
    ])
  })

  it('sends the pasted text as typed: trimming is one rule, in main', async () => {
    const { user, fake } = await openForgot({ openPastedLink: () => ok(linkFor()) })
    await user.type(screen.getByLabelText(/^E-mail address/), 'alice@example.com{Enter}')
    await screen.findByRole('heading', { level: 1, name: 'Check your mail' })
    const pasted =
      '\u00a0 https://accounts.example.com/reset/MQ/diusln-88aa9a15913d435fa538b434f728f58d\ufeff'
    await user.click(screen.getByLabelText(/^Paste the link/))
    await user.paste(pasted)
    await user.click(screen.getByRole('button', { name: 'Open the link' }))
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    expect(fake.callsOf('openPastedLink')).toEqual([{ url: pasted }])
  }, 30_000)

  it('a refused pasted link gets its message on the paste field', async () => {
    const { user } = await openForgot({
      openPastedLink: () =>
        fail({
          kind: 'link-invalid',
          reason: 'refused',
          message: { code: 'link.refused.unknown-server' },
        }),
    })
    await user.click(screen.getByLabelText(/^Paste the link/))
    await user.paste('https://evil.example/reset/MQ/x')
    await user.click(screen.getByRole('button', { name: 'Open the link' }))
    const field = screen.getByLabelText(/^Paste the link/)
    expect(
      await screen.findByText('This link is not for any of the servers in Account Desk.'),
    ).toBeInTheDocument()
    expect(field).toHaveAttribute('aria-invalid', 'true')
    expect(field).toHaveFocus()
  })
})

describe('reset from a link', () => {
  it('shows which server, which account and when the link was sent, as a hint', async () => {
    await openLink()
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    // The one thing to do is typing the new password: focus is in its field.
    expect(screen.getByLabelText('New password', { exact: true })).toHaveFocus()
    expect(screen.getByText('Example Corp', { selector: 'dd' })).toBeInTheDocument()
    expect(screen.getByText('alice')).toBeInTheDocument()
    expect(screen.getByText('5 minutes ago', { selector: 'time' })).toBeInTheDocument()
    expect(screen.getByLabelText('New password')).toHaveAttribute('autocomplete', 'new-password')
    expect(screen.getByLabelText('New password again')).toHaveAttribute('autocomplete', 'new-password')
  })

  it('sets the password; done says what happened to other sessions and only offers to sign in', async () => {
    const { user, fake } = await openLink(resetOk({ code: 'sessions.reset-may-remain', endsAll: true }))
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    await user.type(screen.getByLabelText('New password'), 'Tr1cky-Harbour-42')
    await user.type(screen.getByLabelText('New password again'), 'Tr1cky-Harbour-42{Enter}')
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Your password has been reset' }),
    ).toHaveFocus()
    expect(screen.getByText(/this server then signs the account out everywhere at once/)).toBeInTheDocument()
    expect(fake.callsOf('confirmReset')).toEqual([
      { handle: linkFor().handle, newPassword: 'Tr1cky-Harbour-42', retypePassword: 'Tr1cky-Harbour-42' },
    ])
    await user.click(screen.getByRole('button', { name: 'Sign in with the new password' }))
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in with your new password' }),
    ).toBeInTheDocument()
    expect(screen.getByLabelText('Username')).toHaveValue('alice')
    expect(screen.getByLabelText('Password')).toHaveValue('')
    // The username is there: focus waits in the password field.
    expect(screen.getByLabelText('Password')).toHaveFocus()
    expect(fake.callsOf('signIn')).toEqual([])
  })

  it('after a reset on the demo server with no account yet, offers to sign in as the demo account', async () => {
    const { user, fake } = await renderApp({
      getAppInfo: () => ok(appInfo({ demo: { enabled: true, running: true, username: 'demo' } })),
      listServers: () => ok([demoServer]),
      confirmReset: () => ok({ serverId: 'demo', otherSessions: null }),
    })
    act(() =>
      fake.emit('onLink', {
        type: 'link',
        link: linkFor({ serverId: 'demo', serverName: 'Demo server', accountHint: undefined }),
      }),
    )
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    // Focus is in the first field already.
    await user.keyboard('Tr1cky-Harbour-42')
    await user.type(screen.getByLabelText('New password again'), 'Tr1cky-Harbour-42{Enter}')
    await user.click(await screen.findByRole('button', { name: 'Sign in with the new password' }))
    await screen.findByRole('heading', { level: 1, name: 'Sign in with your new password' })
    expect(screen.getByLabelText('Username')).toHaveValue('demo')
    expect(screen.getByLabelText('Password')).toHaveFocus()
  })

  it('without a username from main or the link, offers to sign in as the account that uses the address asked for', async () => {
    const { user } = await openForgot({
      listAccounts: () => ok([alice]),
      openPastedLink: () => ok(linkFor({ accountHint: undefined })),
      confirmReset: () => ok({ serverId: 'corp', otherSessions: null }),
    })
    await user.type(screen.getByLabelText(/^E-mail address/), 'ALICE@example.com{Enter}')
    await screen.findByRole('heading', { level: 1, name: 'Check your mail' })
    await user.click(screen.getByLabelText(/^Paste the link/))
    await user.paste('https://accounts.example.com/reset/MQ/diusln-88aa9a15913d435fa538b434f728f58d')
    await user.click(screen.getByRole('button', { name: 'Open the link' }))
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    await user.type(screen.getByLabelText('New password'), 'Tr1cky-Harbour-42')
    await user.type(screen.getByLabelText('New password again'), 'Tr1cky-Harbour-42{Enter}')
    await user.click(await screen.findByRole('button', { name: 'Sign in with the new password' }))
    expect(await screen.findByLabelText('Username')).toHaveValue('alice')
  })

  it('refuses two different passwords itself, on the second field', async () => {
    const { user, fake } = await openLink(resetOk())
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    await user.type(screen.getByLabelText('New password'), 'Tr1cky-Harbour-42')
    await user.type(screen.getByLabelText('New password again'), 'Tr1cky-Harbour-43')
    expect(screen.getByText('The two passwords do not match yet.')).toBeInTheDocument()
    await user.keyboard('{Enter}')
    expect(screen.getByLabelText('New password again')).toHaveAccessibleDescription(/didn’t match/)
    expect(screen.getByLabelText('New password again')).toHaveFocus()
    expect(fake.callsOf('confirmReset')).toEqual([])
  })

  it.each([
    ['main’s names', { newPassword: ['This password is too common.'], retypePassword: ['Mismatch.'] }],
    ['djoser’s names', { new_password: ['This password is too common.'], re_new_password: ['Mismatch.'] }],
    [
      'Django forms’ names',
      { new_password1: ['This password is too common.'], new_password2: ['Mismatch.'] },
    ],
  ])('puts the server’s password messages on the fields (%s)', async (_n, fields) => {
    const { user } = await openLink({
      confirmReset: () => fail({ kind: 'validation', message: { code: 'form.check-fields' }, fields }),
    })
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    await user.type(screen.getByLabelText('New password'), 'password1')
    await user.type(screen.getByLabelText('New password again'), 'password1{Enter}')
    expect(await screen.findByText('This password is too common.')).toBeInTheDocument()
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(/This password is too common/)
    expect(screen.getByLabelText('New password again')).toHaveAccessibleDescription(/Mismatch/)
    expect(screen.getByLabelText('New password')).toHaveFocus()
    // Every message is on a field: no alert repeats them.
    expect(screen.getByRole('main').querySelectorAll('.alert')).toHaveLength(0)
  })

  it('a form-level message from the server (non_field_errors / __all__) goes to the alert', async () => {
    const { user } = await openLink({
      confirmReset: () =>
        fail({
          kind: 'validation',
          message: { code: 'form.check-fields' },
          serverMessage: 'Check the form.',
          fields: { __all__: ['Something about the whole form.'] },
        }),
    })
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    await user.type(screen.getByLabelText('New password'), 'Tr1cky-Harbour-42')
    await user.type(screen.getByLabelText('New password again'), 'Tr1cky-Harbour-42{Enter}')
    const message = await screen.findByText('Something about the whole form.')
    expect(message.closest('[role="alert"]')).not.toBeNull()
  })

  it('a dead link on submit leads to the link-problem screen with "send a new link" prefilled', async () => {
    const { user, fake } = await openLink({
      confirmReset: () =>
        fail({
          kind: 'link-invalid',
          reason: 'dead',
          message: { code: 'link.dead' },
          serverId: 'corp',
        }),
      requestReset: () => ok({ requestedAt: new Date().toISOString() }),
    })
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    // djoser cannot check a link first: said before the user types, not learnt after typing twice.
    expect(screen.getByText(/checks the link only when you submit/)).toBeInTheDocument()
    await user.type(screen.getByLabelText('New password'), 'Tr1cky-Harbour-42')
    await user.type(screen.getByLabelText('New password again'), 'Tr1cky-Harbour-42{Enter}')
    expect(await screen.findByRole('heading', { level: 1, name: 'This link can’t be used' })).toHaveFocus()
    expect(screen.getByText(/This reset link can’t be used any more: it has expired/)).toBeInTheDocument()
    // What the app knows (the link's age from its token), not "only for a few days"; "Send a new link" once.
    expect(screen.getByText(/This link was sent 5 minutes ago/)).toBeInTheDocument()
    expect(screen.queryByText(/a few days/)).not.toBeInTheDocument()
    expect(screen.getAllByText(/Send a new link/)).toHaveLength(1)
    expect(screen.getByLabelText(/^E-mail address/)).toHaveValue('alice@example.com')
    await user.click(screen.getByRole('button', { name: 'Send a new link' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Check your mail' })).toBeInTheDocument()
    expect(fake.callsOf('requestReset')).toEqual([{ serverId: 'corp', email: 'alice@example.com' }])
  }, 30_000)

  it('a link from outside makes no request by itself: the server can check it, but only after one click', async () => {
    const { user, fake } = await openLink(
      { listServers: () => ok([djoserServer, formsServer]), checkLink: () => ok({ status: 'valid' }) },
      linkFor({ serverId: 'intranet', serverName: 'Intranet' }),
    )
    expect(await screen.findByRole('heading', { level: 1, name: 'A reset link arrived' })).toBeInTheDocument()
    expect(screen.getByText(/has not contacted the server yet/)).toBeInTheDocument()
    await new Promise((r) => setTimeout(r, 50))
    expect(fake.callsOf('checkLink')).toEqual([])
    await user.click(screen.getByRole('button', { name: 'Open the reset form' }))
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    expect(fake.callsOf('checkLink')).toEqual([{ handle: linkFor().handle }])
  }, 30_000)

  it('checks the link first where the server can tell, and goes straight to the problem screen when dead', async () => {
    const check = deferred<Result<{ status: 'valid' | 'dead' | 'unknown' }>>()
    const { user, fake } = await openLink(
      { listServers: () => ok([djoserServer, formsServer]), checkLink: () => check.promise },
      linkFor({ serverId: 'intranet', serverName: 'Intranet', accountHint: undefined }),
    )
    await user.click(await screen.findByRole('button', { name: 'Open the reset form' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Checking your link…' })).toBeInTheDocument()
    await act(async () => check.resolve(ok({ status: 'dead' })))
    expect(
      await screen.findByRole('heading', { level: 1, name: 'This link can’t be used' }),
    ).toBeInTheDocument()
    expect(screen.getByLabelText('Server')).toHaveValue('intranet')
    expect(fake.callsOf('checkLink')).toEqual([{ handle: linkFor().handle }])
    expect(fake.callsOf('confirmReset')).toEqual([])
  })

  it('a link that checks out opens the form with the server’s own rules', async () => {
    const { user } = await openLink(
      { listServers: () => ok([djoserServer, formsServer]), checkLink: () => ok({ status: 'valid' }) },
      linkFor({ serverId: 'intranet', serverName: 'Intranet' }),
    )
    await user.click(await screen.findByRole('button', { name: 'Open the reset form' }))
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    expect(screen.getByText('At least 10 characters')).toBeInTheDocument()
  })

  it('djoser links are not checked (djoser cannot tell): the form opens directly', async () => {
    const { fake } = await openLink()
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    expect(fake.callsOf('checkLink')).toEqual([])
  })

  it('after an ambiguous timeout says it may have worked and offers to sign in with the new password', async () => {
    const { user, fake } = await openLink({
      confirmReset: () =>
        fail({
          kind: 'timeout',
          message: { code: 'timeout.try-again' },
          serverMessage: 'The server did not answer in time.',
          mayHaveApplied: true,
        }),
    })
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    await user.type(screen.getByLabelText('New password'), 'Tr1cky-Harbour-42')
    await user.type(screen.getByLabelText('New password again'), 'Tr1cky-Harbour-42{Enter}')
    const alert = (await screen.findByText('It may have worked')).closest('[role="alert"]') as HTMLElement
    expect(within(alert).queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument()
    await user.click(within(alert).getByRole('button', { name: 'Try signing in with the new password' }))
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Try your new password' }),
    ).toBeInTheDocument()
    expect(screen.getByLabelText('Username')).toHaveValue('alice')
    expect(fake.callsOf('signIn')).toEqual([])
  })

  it('cancelling drops the link in main too', async () => {
    const { user, fake } = await openLink()
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(fake.callsOf('discardLink')).toEqual([{ handle: linkFor().handle }])
  })

  it('a refused link from the OS shows main’s message in an alert', async () => {
    const { fake } = await renderApp()
    act(() => fake.emit('onLink', { type: 'refused', message: { code: 'link.refused.too-long', max: 2048 } }))
    const message = await screen.findByText(
      'This link is too long to be a password reset link (over 2,048 characters).',
    )
    expect(message.closest('[role="alert"]')).not.toBeNull()
  })

  it('a link that arrives before the first load is done waits for it (the form needs the rules)', async () => {
    const servers = deferred<Result<(typeof djoserServer)[]>>()
    const { createFakeBridge } = await import('./fake-bridge')
    const fake = createFakeBridge({ listServers: () => servers.promise })
    const { createAppStore } = await import('../../src/renderer/src/store/store')
    const store = createAppStore({ bridge: fake.bridge })
    store.getState().start()
    expect(fake.listenerCount('onLink')).toBe(1)
    expect(fake.callsOf('rendererReady')).toHaveLength(1)
    fake.emit('onLink', { type: 'link', link: linkFor() })
    await Promise.resolve()
    expect(store.getState().screen.flow).toBe('home')
    servers.resolve(ok([djoserServer]))
    await vi.waitFor(() =>
      expect(store.getState().screen).toMatchObject({ flow: 'reset', step: { name: 'form' } }),
    )
  })

  it('keeps no password in the store at any step of the reset', async () => {
    const answer =
      deferred<Result<{ serverId: string; username: string; otherSessions: AppMessage | null }>>()
    const { user, store } = await openLink({ confirmReset: () => answer.promise })
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    await user.type(screen.getByLabelText('New password'), 'Reset-Secret-991')
    await user.type(screen.getByLabelText('New password again'), 'Reset-Secret-991')
    expect(storeText(store)).not.toContain('Reset-Secret-991')
    await user.click(screen.getByRole('button', { name: 'Set the new password' }))
    expect(await screen.findByRole('button', { name: /Setting the password/ })).toHaveAttribute(
      'aria-busy',
      'true',
    )
    expect(storeText(store)).not.toContain('Reset-Secret-991')
    await act(async () => answer.resolve(ok({ serverId: 'corp', username: 'alice', otherSessions: null })))
    await screen.findByRole('heading', { level: 1, name: 'Your password has been reset' })
    expect(storeText(store)).not.toContain('Reset-Secret-991')
    expect(storeText(store)).not.toContain(linkFor().handle)
  })
})
