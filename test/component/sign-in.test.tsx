import { act, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Result } from '../../src/shared/errors'
import { alice, deferred, djoserServer, fail, formsServer, ok } from './fake-bridge'
import { renderApp, storeText } from './render-app'

const openSignIn = async (impls: Parameters<typeof renderApp>[0] = {}, options = {}) => {
  const app = await renderApp(impls, options)
  await app.user.click(screen.getByRole('button', { name: 'Sign in' }))
  await screen.findByRole('heading', { level: 1, name: 'Sign in' })
  return app
}

afterEach(() => {
  vi.useRealTimers()
})

describe('sign in', () => {
  it('labels every field with the right autocomplete and password attributes', async () => {
    await openSignIn()
    const username = screen.getByLabelText('Username')
    const password = screen.getByLabelText('Password')
    expect(username).toHaveAttribute('autocomplete', 'username')
    expect(password).toHaveAttribute('autocomplete', 'current-password')
    expect(password).toHaveAttribute('type', 'password')
    expect(password).toHaveAttribute('spellcheck', 'false')
    expect(password).toHaveAttribute('autocapitalize', 'off')
    expect(Number(password.getAttribute('maxlength'))).toBeGreaterThanOrEqual(64)
    expect(password).not.toHaveAttribute('onpaste')
  })

  it('asks for the e-mail address on a server that signs people in with it, and for the username elsewhere', async () => {
    const emailServer = { ...formsServer, locked: false, signInWith: 'email' as const }
    const { user, fake } = await openSignIn({
      listServers: () => ok([djoserServer, emailServer]),
      signIn: () => ok(alice),
      listAccounts: () => ok([]),
    })
    expect(screen.getByLabelText('Username')).toHaveAttribute('type', 'text')
    await user.selectOptions(screen.getByLabelText('Server'), emailServer.id)
    const address = screen.getByLabelText('E-mail address')
    expect(address).toHaveAttribute('type', 'email')
    expect(address).toHaveAttribute('autocomplete', 'email')
    expect(screen.queryByLabelText('Username')).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(address).toHaveAccessibleDescription(/Enter your e-mail address/)
    await user.type(address, 'alice@example.com')
    await user.type(screen.getByLabelText('Password'), 'correct horse')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(fake.callsOf('signIn')).toEqual([
      { serverId: emailServer.id, username: 'alice@example.com', password: 'correct horse' },
    ])
  })

  it('says "Username or e-mail" on a server that takes either (django-allauth with both login methods)', async () => {
    const eitherServer = { ...formsServer, locked: false, signInWith: 'username-or-email' as const }
    const { user } = await openSignIn({
      listServers: () => ok([eitherServer]),
      signIn: () => ok(alice),
      listAccounts: () => ok([]),
    })
    const field = screen.getByLabelText('Username or e-mail')
    expect(field).toHaveAttribute('type', 'text')
    expect(screen.queryByLabelText('Username')).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(field).toHaveAccessibleDescription(/Enter your username or e-mail address/)
  })

  it('shows and hides the password with a toggle button', async () => {
    const { user } = await openSignIn()
    const password = screen.getByLabelText('Password')
    const toggle = screen.getByRole('button', { name: 'Show password' })
    expect(toggle).toHaveAttribute('aria-pressed', 'false')
    await user.click(toggle)
    expect(password).toHaveAttribute('type', 'text')
    expect(toggle).toHaveAttribute('aria-pressed', 'true')
    await user.click(toggle)
    expect(password).toHaveAttribute('type', 'password')
  })

  it('accepts a pasted 200-character password', async () => {
    const { user, fake } = await openSignIn({ signIn: () => ok(alice), listAccounts: () => ok([]) })
    const long = 'x'.repeat(200)
    await user.type(screen.getByLabelText('Username'), 'alice')
    await user.click(screen.getByLabelText('Password'))
    await user.paste(long)
    expect(screen.getByLabelText('Password')).toHaveValue(long)
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(fake.callsOf('signIn')).toEqual([{ serverId: 'corp', username: 'alice', password: long }])
  })

  it('is busy while the request runs; a second submit sends nothing', async () => {
    const answer = deferred<Result<typeof alice>>()
    const { user, fake } = await openSignIn({ signIn: () => answer.promise })
    await user.type(screen.getByLabelText('Username'), 'alice')
    await user.type(screen.getByLabelText('Password'), 'correct horse')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    const busy = await screen.findByRole('button', { name: /Signing in/ })
    expect(busy).toHaveAttribute('aria-busy', 'true')
    expect(busy).toHaveAttribute('aria-disabled', 'true')
    await user.click(busy)
    await user.keyboard('{Enter}')
    expect(fake.callsOf('signIn')).toHaveLength(1)
    await act(async () => answer.resolve(ok(alice)))
    expect(await screen.findByText('Signed in to Example Corp as alice.')).toBeInTheDocument()
  })

  it('checks for empty fields itself and moves focus to the first one', async () => {
    const { user, fake } = await openSignIn()
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(screen.getByLabelText('Username')).toHaveFocus()
    expect(screen.getByLabelText('Username')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription(/Enter your username/)
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(/Enter your password/)
    expect(fake.callsOf('signIn')).toEqual([])
  })

  it('shows wrong credentials in an alert with the server’s words, and keeps the form usable', async () => {
    const { user } = await openSignIn({
      signIn: () =>
        fail({
          kind: 'auth',
          message: { code: 'auth.wrong-credentials' },
          serverMessage: 'Unable to log in with provided credentials.',
          sessionExpired: false,
        }),
    })
    await user.type(screen.getByLabelText('Username'), 'alice')
    await user.type(screen.getByLabelText('Password'), 'wrong{Enter}')
    const alert = await screen.findByText('Unable to log in with provided credentials.')
    expect(alert.closest('[role="alert"]')).not.toBeNull()
    expect(screen.getByText('Sign-in failed')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Sign in' })).not.toHaveAttribute('aria-disabled')
  })

  it('puts validation messages on their fields (main’s names or the server’s) and focuses the first', async () => {
    const { user } = await openSignIn({
      signIn: () =>
        fail({
          kind: 'validation',
          message: { code: 'form.check-fields' },
          fields: { password: ['This field may not be blank.'], non_field_errors: ['Account locked.'] },
        }),
    })
    await user.type(screen.getByLabelText('Username'), 'alice')
    await user.type(screen.getByLabelText('Password'), ' {Enter}')
    expect(await screen.findByText('This field may not be blank.')).toBeInTheDocument()
    expect(screen.getByLabelText('Password')).toHaveFocus()
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(/This field may not be blank/)
    expect(screen.getByText('Account locked.').closest('[role="alert"]')).not.toBeNull()
  })

  it('counts down a rate limit from the server’s time, with submit refused until 0', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const { user, fake } = await openSignIn(
      {
        signIn: () =>
          fail({
            kind: 'rate-limited',
            message: { code: 'rate-limited', seconds: 30 },
            serverMessage: 'Request was throttled. Expected available in 3 seconds.',
            retryAfterSeconds: 3,
          }),
      },
      { advanceTimers: (ms: number) => vi.advanceTimersByTime(ms) },
    )
    await user.type(screen.getByLabelText('Username'), 'alice')
    await user.type(screen.getByLabelText('Password'), 'pw{Enter}')
    expect(await screen.findByText('Too many attempts')).toBeInTheDocument()
    const button = screen.getByRole('button', { name: /Sign in \(in 3 s\)/ })
    expect(button).toHaveAttribute('aria-disabled', 'true')
    const alert = screen.getByText('Too many attempts').closest('[role="alert"]') as HTMLElement
    expect(alert).toHaveTextContent('Request was throttled. Expected available in 3 seconds.')
    await user.click(button)
    expect(fake.callsOf('signIn')).toHaveLength(1)
    await act(async () => vi.advanceTimersByTime(1000))
    expect(screen.getByRole('button', { name: /Sign in \(in 2 s\)/ })).toBeInTheDocument()
    // One countdown: the server's sentence follows the button, it does not stay at 3.
    expect(alert).toHaveTextContent('Request was throttled. Expected available in 2 seconds.')
    await act(async () => vi.advanceTimersByTime(1000))
    expect(alert).toHaveTextContent('Request was throttled. Expected available in 1 second.')
    await act(async () => vi.advanceTimersByTime(1100))
    expect(alert).not.toHaveTextContent('Expected available')
    expect(alert).toHaveTextContent('You can try again now.')
    const ready = screen.getByRole('button', { name: 'Sign in' })
    expect(ready).not.toHaveAttribute('aria-disabled')
    await user.click(ready)
    expect(fake.callsOf('signIn')).toHaveLength(2)
  })

  it('offers "try again" when nothing reached the server (offline) and it resends the same values', async () => {
    const { user, fake } = await openSignIn({
      signIn: () =>
        fail({
          kind: 'offline',
          message: { code: 'offline' },
          serverMessage: 'Account Desk could not reach the server.',
        }),
    })
    await user.type(screen.getByLabelText('Username'), 'alice')
    await user.type(screen.getByLabelText('Password'), 'pw{Enter}')
    await user.click(await screen.findByRole('button', { name: 'Try again' }))
    expect(fake.callsOf('signIn')).toHaveLength(2)
  })

  it.each([
    [
      'tls',
      { kind: 'tls', message: { code: 'tls' } },
      'The secure connection failed',
      /security certificate is not valid/,
    ],
    [
      'proxy',
      { kind: 'proxy', message: { code: 'proxy.failed' } },
      'Proxy problem',
      /proxy could not be used/,
    ],
    [
      'server',
      { kind: 'server', message: { code: 'server.unavailable', status: 502 }, status: 502 },
      'The server had a problem',
      'The server is not available right now (HTTP 502). Try again in a few minutes.',
    ],
    [
      'timeout',
      { kind: 'timeout', message: { code: 'timeout.try-again' }, mayHaveApplied: false },
      'The server took too long',
      'The server did not answer in time. Try again.',
    ],
    [
      'unexpected',
      { kind: 'unexpected-response', message: { code: 'captive-portal' } },
      'Unexpected answer from the server',
      /web page instead of data/,
    ],
    [
      'policy',
      { kind: 'policy', message: { code: 'policy.host-not-allowed', host: 'x.org' } },
      'Not allowed here',
      'Your organisation does not allow the server x.org.',
    ],
    [
      'server text',
      {
        kind: 'server',
        message: { code: 'server.problem', status: 500 },
        serverMessage: 'Wartung bis 14 Uhr.',
        status: 500,
      },
      'The server had a problem',
      'Wartung bis 14 Uhr.',
    ],
  ] as const)(
    'shows a %s failure with its own title and main’s message, worded',
    async (_name, error, title, words) => {
      const { user } = await openSignIn({ signIn: () => fail(error) })
      await user.type(screen.getByLabelText('Username'), 'alice')
      await user.type(screen.getByLabelText('Password'), 'pw{Enter}')
      const alert = (await screen.findByText(words)).closest('[role="alert"]')
      expect(alert).toHaveTextContent(title)
    },
  )

  it('cancel while a request runs: main is told to abandon it, and its late answer is ignored', async () => {
    const answer = deferred<Result<typeof alice>>()
    const { user, fake, store } = await openSignIn({ signIn: () => answer.promise })
    await user.type(screen.getByLabelText('Username'), 'alice')
    await user.type(screen.getByLabelText('Password'), 'pw{Enter}')
    await screen.findByRole('button', { name: /Signing in/ })
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Welcome to Account Desk' }),
    ).toBeInTheDocument()
    expect(fake.callsOf('cancelPending')).toHaveLength(1)
    await act(async () => answer.resolve(ok(alice)))
    expect(store.getState().screen).toEqual({ flow: 'home' })
    expect(store.getState().pending).toBeNull()
    expect(screen.queryByText(/Signed in to/)).not.toBeInTheDocument()
  })

  it('lets the user pick among several servers', async () => {
    const { user, fake } = await openSignIn({
      listServers: () => ok([djoserServer, formsServer]),
      signIn: () => ok({ ...alice, serverId: 'intranet' }),
    })
    await user.selectOptions(screen.getByLabelText('Server'), 'intranet')
    await user.type(screen.getByLabelText('Username'), 'alice')
    await user.type(screen.getByLabelText('Password'), 'pw{Enter}')
    expect(fake.callsOf('signIn')).toEqual([{ serverId: 'intranet', username: 'alice', password: 'pw' }])
  })

  it('never keeps the password in the store, during or after the step', async () => {
    const answer = deferred<Result<typeof alice>>()
    const { user, store } = await openSignIn({ signIn: () => answer.promise })
    await user.type(screen.getByLabelText('Username'), 'alice')
    await user.type(screen.getByLabelText('Password'), 'S3cret-sign-in')
    expect(storeText(store)).not.toContain('S3cret-sign-in')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(storeText(store)).not.toContain('S3cret-sign-in')
    await act(async () => answer.resolve(ok(alice)))
    await screen.findByText('Signed in to Example Corp as alice.')
    expect(storeText(store)).not.toContain('S3cret-sign-in')
  })

  it('a server that asks for a step the app cannot do: the message, and a button that opens its sign-in page', async () => {
    const message =
      'This server asks for a step Account Desk can’t do here (for example two-factor sign-in or a lockout). Sign in on the website.'
    const { user, fake } = await openSignIn({
      listServers: () => ok([formsServer]),
      signIn: () =>
        fail({
          kind: 'auth',
          message: { code: 'auth.sign-in-on-website' },
          sessionExpired: false,
          signInOnWebsite: true,
        }),
      openSignInPage: () => ok({}),
    })
    expect(screen.queryByRole('button', { name: 'Open the sign-in page in your browser' })).toBeNull()
    await user.type(screen.getByLabelText('Username'), 'alice')
    await user.type(screen.getByLabelText('Password'), 'Quartz-Lantern-58')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByText(message, { exact: false })).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Open the sign-in page in your browser' }))
    expect(fake.callsOf('openSignInPage')).toEqual([{ serverId: 'intranet' }])
    expect(
      await screen.findByText('The sign-in page of Intranet opened in your browser.'),
    ).toBeInTheDocument()
  })

  it('a wrong password shows no website button', async () => {
    const { user } = await openSignIn({
      listServers: () => ok([formsServer]),
      signIn: () =>
        fail({ kind: 'auth', message: { code: 'auth.wrong-credentials' }, sessionExpired: false }),
    })
    await user.type(screen.getByLabelText('Username'), 'alice')
    await user.type(screen.getByLabelText('Password'), 'nope-nope-1')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(
      await screen.findByText('That username and password don’t match.', { exact: false }),
    ).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Open the sign-in page in your browser' })).toBeNull()
  })
})
