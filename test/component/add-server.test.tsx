import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ServerDetection, ServerFinding } from '../../src/shared/contract'
import { deferred, djoserServer, fail, ok, type Impls } from './fake-bridge'
import { renderApp } from './render-app'

async function openAddServer(impls: Impls = {}) {
  const app = await renderApp({ listServers: () => ok([]), ...impls })
  await app.user.click(screen.getByRole('button', { name: 'Add a server' }))
  expect(await screen.findByRole('heading', { level: 1, name: 'Add a server' })).toHaveFocus()
  return app
}

const DJOSER: ServerFinding = { software: 'djoser', kind: 'djoser', signIn: 'username' }
const PAGES: ServerFinding = {
  software: 'django-forms',
  kind: 'django-forms',
  signIn: 'username',
  forgotPage: true,
}
const found = (baseUrl: string, ...findings: ServerFinding[]): ServerDetection => ({
  baseUrl,
  found: findings,
})

/** A fake addServer that lists what it added, as main would. */
function adding() {
  let servers: (typeof djoserServer)[] = []
  return {
    listServers: () => ok(servers),
    addServer: (request: { displayName: string; kind: typeof djoserServer.kind }) => {
      servers = [{ ...djoserServer, id: 'added', displayName: request.displayName, kind: request.kind }]
      return ok(servers[0] as typeof djoserServer)
    },
  } satisfies Impls
}

const details = () => screen.getByText('Choose the kind yourself').closest('details')
/** The live region next to the address that says what the check found. */
const status = (): HTMLElement => {
  const region = document.querySelector<HTMLElement>('.server-check')
  if (!region) throw new Error('no check status on screen')
  expect(region).toHaveAttribute('role', 'status')
  return region
}

describe('add a server', () => {
  it('refuses a plain-http address for another computer before asking main, and never checks it', async () => {
    const { user, fake } = await openAddServer()
    await user.type(screen.getByLabelText('Name'), 'Corp')
    await user.type(screen.getByLabelText('Address'), 'http://accounts.example.com')
    await user.click(screen.getByRole('button', { name: 'Add the server' }))
    expect(screen.getByLabelText('Address')).toHaveFocus()
    expect(screen.getByLabelText('Address')).toHaveAccessibleDescription(/Use an https:\/\/ address/)
    expect(fake.callsOf('addServer')).toEqual([])
    expect(fake.callsOf('detectServer')).toEqual([])
  })

  it('checks the address after a pause in typing and says what it found; no kind question is asked', async () => {
    const { user, fake } = await openAddServer({
      ...adding(),
      detectServer: ({ baseUrl }) => ok(found(baseUrl, DJOSER)),
    })
    await user.type(screen.getByLabelText('Name'), 'Corp')
    await user.type(screen.getByLabelText('Address'), 'https://accounts.example.com')
    expect(
      await within(status()).findByText('This server uses a sign-in service for apps (djoser).', undefined, {
        timeout: 5000,
      }),
    ).toBeInTheDocument()
    expect(status()).toHaveTextContent('People sign in with their username.')
    expect(screen.getByLabelText('Address')).toHaveAccessibleDescription(/This server uses a sign-in service/)
    expect(details()).not.toHaveAttribute('open')
    expect(fake.callsOf('detectServer')).toEqual([{ baseUrl: 'https://accounts.example.com' }])
    await user.click(screen.getByRole('button', { name: 'Add the server' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument()
    expect(fake.callsOf('addServer')).toEqual([
      {
        displayName: 'Corp',
        baseUrl: 'https://accounts.example.com',
        kind: 'djoser',
        signInWith: 'username',
      },
    ])
    // Asked once: leaving the field and submitting reuse the answer.
    expect(fake.callsOf('detectServer')).toHaveLength(1)
  })

  it('Add pressed before the check ends waits for it, then adds the kind found, e-mail sign-in included', async () => {
    const answer = deferred<ReturnType<typeof ok<ServerDetection>>>()
    const { user, fake } = await openAddServer({ ...adding(), detectServer: () => answer.promise })
    await user.type(screen.getByLabelText('Name'), 'Intranet')
    await user.type(screen.getByLabelText('Address'), 'https://intranet.example.com')
    await user.click(screen.getByRole('button', { name: 'Add the server' }))
    expect(await screen.findByRole('button', { name: 'Checking the server…' })).toHaveAttribute(
      'aria-busy',
      'true',
    )
    expect(status()).toHaveTextContent('Checking the server…')
    expect(fake.callsOf('addServer')).toEqual([])
    answer.resolve(ok(found('https://intranet.example.com', { ...PAGES, signIn: 'email' })))
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument()
    expect(screen.getByText('Intranet was added. Sign in to it below.')).toBeInTheDocument()
    expect(fake.callsOf('addServer')).toEqual([
      {
        displayName: 'Intranet',
        baseUrl: 'https://intranet.example.com',
        kind: 'django-forms',
        signInWith: 'email',
      },
    ])
  })

  it('Cancel while Add waits for the check: nothing is added when the answer comes', async () => {
    const answer = deferred<ReturnType<typeof ok<ServerDetection>>>()
    const { user, fake } = await openAddServer({ ...adding(), detectServer: () => answer.promise })
    await user.type(screen.getByLabelText('Name'), 'Gone')
    await user.type(screen.getByLabelText('Address'), 'https://gone.example.com')
    await user.click(screen.getByRole('button', { name: 'Add the server' }))
    await screen.findByRole('button', { name: 'Checking the server…' })
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    // Typed input: the app asks before leaving.
    await user.click(await screen.findByRole('button', { name: 'Leave' }))
    expect(
      await screen.findByRole('heading', { level: 1, name: /welcome|your accounts/i }),
    ).toBeInTheDocument()
    answer.resolve(ok(found('https://gone.example.com', DJOSER)))
    await answer.promise
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fake.callsOf('addServer')).toEqual([])
  })

  it('a server with both: the app service first, and the pages chosen by hand when the user wants them', async () => {
    const { user, fake } = await openAddServer({
      ...adding(),
      detectServer: ({ baseUrl }) => ok(found(baseUrl, DJOSER, { ...PAGES, signIn: 'email' })),
    })
    await user.type(screen.getByLabelText('Name'), 'Both')
    await user.type(screen.getByLabelText('Address'), 'https://both.example.com')
    await user.tab()
    expect(await within(status()).findByText(/It also has Django’s own sign-in pages/)).toBeInTheDocument()
    await user.click(screen.getByText('Choose the kind yourself'))
    expect(screen.getByRole('radio', { name: 'Sign-in service for apps' })).toBeChecked()
    expect(screen.getByRole('radio', { name: 'Username' })).toBeChecked()
    // The pages' own login form said e-mail: choosing them brings what they said.
    await user.click(screen.getByRole('radio', { name: 'Django website sign-in pages' }))
    expect(screen.getByRole('radio', { name: 'E-mail address' })).toBeChecked()
    expect(screen.queryByText(/The check did not find/)).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Add the server' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument()
    expect(fake.callsOf('addServer')).toEqual([
      { displayName: 'Both', baseUrl: 'https://both.example.com', kind: 'django-forms', signInWith: 'email' },
    ])
  })

  it('a server that is none of them: a clear sentence, and Add asks for the kind before adding anyway', async () => {
    const { user, fake } = await openAddServer({
      ...adding(),
      detectServer: ({ baseUrl }) => ok(found(baseUrl)),
    })
    await user.type(screen.getByLabelText('Name'), 'Odd')
    await user.type(screen.getByLabelText('Address'), 'https://odd.example.com')
    await user.tab()
    expect(
      await within(status()).findByText('Account Desk doesn’t recognise this server.'),
    ).toBeInTheDocument()
    expect(status()).toHaveTextContent('To add it anyway, choose the kind yourself below.')
    await user.click(screen.getByRole('button', { name: 'Add the server' }))
    expect(await screen.findByText('Choose the kind of server to add it anyway.')).toBeInTheDocument()
    expect(details()).toHaveAttribute('open')
    expect(screen.getByRole('radio', { name: 'Sign-in service for apps' })).toHaveFocus()
    expect(fake.callsOf('addServer')).toEqual([])
    await user.click(screen.getByRole('radio', { name: 'Django website sign-in pages' }))
    expect(screen.queryByText('Choose the kind of server to add it anyway.')).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Add the server' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument()
    expect(fake.callsOf('addServer')).toEqual([
      {
        displayName: 'Odd',
        baseUrl: 'https://odd.example.com',
        kind: 'django-forms',
        signInWith: 'username',
      },
    ])
  })

  it('a sign-in page that sends people elsewhere names that site', async () => {
    const { user } = await openAddServer({
      detectServer: ({ baseUrl }) => ok({ baseUrl, found: [], signInElsewhere: 'login.example.net' }),
    })
    await user.type(screen.getByLabelText('Address'), 'https://sso.example.com')
    await user.tab()
    expect(
      await within(status()).findByText(/sends people to another site \(login\.example\.net\)/),
    ).toBeVisible()
  })

  it('django-allauth’s API: said as the issue puts it, and added as the allauth kind', async () => {
    const { user, fake } = await openAddServer({
      ...adding(),
      detectServer: ({ baseUrl }) =>
        ok(found(baseUrl, { software: 'allauth-headless', kind: 'allauth', signIn: 'email' })),
    })
    await user.type(screen.getByLabelText('Name'), 'Shop')
    await user.type(screen.getByLabelText('Address'), 'https://shop.example.com')
    await user.tab()
    expect(
      await within(status()).findByText('This server uses django-allauth’s sign-in service for apps.'),
    ).toBeInTheDocument()
    expect(status()).toHaveTextContent('People sign in with their e-mail address.')
    await user.click(screen.getByRole('button', { name: 'Add the server' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument()
    expect(fake.callsOf('addServer')).toEqual([
      { displayName: 'Shop', baseUrl: 'https://shop.example.com', kind: 'allauth', signInWith: 'email' },
    ])
  })

  it('a kind this version cannot speak yet (allauth’s pages): said plainly, nothing pre-selected', async () => {
    const { user } = await openAddServer({
      detectServer: ({ baseUrl }) =>
        ok(found(baseUrl, { software: 'allauth-html', kind: null, signIn: 'username-or-email' })),
    })
    await user.type(screen.getByLabelText('Address'), 'https://allauth.example.com')
    await user.tab()
    expect(
      await within(status()).findByText(
        'This server uses django-allauth’s sign-in pages, which this version of Account Desk can’t use yet.',
      ),
    ).toBeInTheDocument()
    await user.click(screen.getByText('Choose the kind yourself'))
    for (const radio of within(screen.getByRole('group', { name: 'What the server uses' })).getAllByRole(
      'radio',
    ))
      expect(radio).not.toBeChecked()
  })

  it('nobody answers: "Can’t reach", Check again asks again, and the server can still be added by hand', async () => {
    let answers = 0
    const { user, fake } = await openAddServer({
      ...adding(),
      detectServer: ({ baseUrl }) =>
        ++answers === 1
          ? fail({
              kind: 'unreachable',
              host: 'down.example.com',
              message: { code: 'unreachable' },
              serverMessage: 'Nothing answered.',
            })
          : ok(found(baseUrl, DJOSER)),
    })
    await user.type(screen.getByLabelText('Name'), 'Down')
    await user.type(screen.getByLabelText('Address'), 'https://down.example.com')
    await user.tab()
    expect(await within(status()).findByText('Can’t reach down.example.com')).toBeInTheDocument()
    expect(status()).toHaveTextContent('Nothing answered at this address. The server may be down')
    await user.click(within(status()).getByRole('button', { name: 'Check again' }))
    expect(
      await within(status()).findByText(/This server uses a sign-in service for apps/),
    ).toBeInTheDocument()
    expect(fake.callsOf('detectServer')).toHaveLength(2)
  })

  it('an address main refuses (policy, already listed) is said on the field, before and at submit', async () => {
    const { user, fake } = await openAddServer({
      detectServer: () =>
        fail({
          kind: 'policy',
          message: { code: 'policy.host-not-allowed', host: 'x.org' },
        }),
    })
    await user.type(screen.getByLabelText('Name'), 'X')
    await user.type(screen.getByLabelText('Address'), 'https://x.org')
    await user.tab()
    expect(await screen.findByText('Your organisation does not allow the server x.org.')).toBeInTheDocument()
    expect(screen.getByLabelText('Address')).toHaveAccessibleDescription(/does not allow the server x\.org/)
    expect(status()).toBeEmptyDOMElement()
    await user.click(screen.getByRole('button', { name: 'Add the server' }))
    expect(screen.getByLabelText('Address')).toHaveFocus()
    expect(screen.queryByText('Choose the kind of server to add it anyway.')).toBeNull()
    expect(fake.callsOf('addServer')).toEqual([])
  })

  it('a kind chosen by hand belongs to its address: typing another address forgets it', async () => {
    const { user } = await openAddServer({
      detectServer: ({ baseUrl }) => ok(found(baseUrl, DJOSER)),
    })
    await user.type(screen.getByLabelText('Address'), 'https://a.example.com')
    await user.tab()
    await within(status()).findByText(/This server uses/)
    await user.click(screen.getByText('Choose the kind yourself'))
    await user.click(screen.getByRole('radio', { name: 'Django website sign-in pages' }))
    // Not what the check found there: said under the choice, which stays the user's.
    expect(
      screen.getByText(
        'The check did not find “Django website sign-in pages” at this address: adding the server as that may not work.',
      ),
    ).toBeInTheDocument()
    const addressField = screen.getByLabelText('Address')
    await user.clear(addressField)
    await user.type(addressField, 'https://b.example.com')
    await user.tab()
    await within(status()).findByText(/This server uses/)
    expect(screen.getByRole('radio', { name: 'Sign-in service for apps' })).toBeChecked()
    expect(screen.queryByText(/The check did not find/)).toBeNull()
  })

  it('shows main’s messages on their fields and a policy refusal in the alert', async () => {
    const { user } = await openAddServer({
      detectServer: ({ baseUrl }) => ok(found(baseUrl, DJOSER)),
      addServer: () =>
        fail({
          kind: 'validation',
          message: { code: 'form.check-fields' },
          fields: { baseUrl: ['This host is not allowed.'] },
        }),
    })
    await user.type(screen.getByLabelText('Name'), 'Corp')
    await user.type(screen.getByLabelText('Address'), 'https://elsewhere.example.com')
    await user.click(screen.getByRole('button', { name: 'Add the server' }))
    expect(await screen.findByText('This host is not allowed.')).toBeInTheDocument()
    expect(screen.getByLabelText('Address')).toHaveFocus()
  })
})
