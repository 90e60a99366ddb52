import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { djoserServer, fail, ok, type Impls } from './fake-bridge'
import { renderApp } from './render-app'

async function openAddServer(impls: Impls = {}) {
  const app = await renderApp({ listServers: () => ok([]), ...impls })
  await app.user.click(screen.getByRole('button', { name: 'Add a server' }))
  expect(await screen.findByRole('heading', { level: 1, name: 'Add a server' })).toHaveFocus()
  return app
}

describe('add a server', () => {
  it('refuses a plain-http address for another computer before asking main', async () => {
    const { user, fake } = await openAddServer()
    await user.type(screen.getByLabelText('Name'), 'Corp')
    await user.type(screen.getByLabelText('Address'), 'http://accounts.example.com')
    await user.click(screen.getByRole('button', { name: 'Add the server' }))
    expect(screen.getByLabelText('Address')).toHaveFocus()
    expect(screen.getByLabelText('Address')).toHaveAccessibleDescription(/Use an https:\/\/ address/)
    expect(fake.callsOf('addServer')).toEqual([])
  })

  it('adds the server with its kind and goes on to sign in to it', async () => {
    let servers: (typeof djoserServer)[] = []
    const { user, fake } = await openAddServer({
      listServers: () => ok(servers),
      addServer: (request) => {
        servers = [{ ...djoserServer, id: 'intranet', displayName: request.displayName, kind: request.kind }]
        return ok(servers[0] as typeof djoserServer)
      },
    })
    await user.type(screen.getByLabelText('Name'), 'Intranet')
    await user.type(screen.getByLabelText('Address'), 'https://intranet.example.com')
    await user.click(screen.getByRole('radio', { name: 'Django website sign-in pages' }))
    await user.click(screen.getByRole('button', { name: 'Add the server' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument()
    expect(screen.getByText('Intranet was added. Sign in to it below.')).toBeInTheDocument()
    expect(fake.callsOf('addServer')).toEqual([
      {
        displayName: 'Intranet',
        baseUrl: 'https://intranet.example.com',
        kind: 'django-forms',
        signInWith: 'username',
      },
    ])
  })

  it('asks what people sign in with, and the sign-in screen follows what main answers', async () => {
    let servers: (typeof djoserServer)[] = []
    const { user, fake } = await openAddServer({
      listServers: () => ok(servers),
      addServer: (request) => {
        servers = [{ ...djoserServer, displayName: request.displayName, signInWith: 'email' }]
        return ok(servers[0] as typeof djoserServer)
      },
    })
    await user.type(screen.getByLabelText('Name'), 'Mail')
    await user.type(screen.getByLabelText('Address'), 'https://mail.example.com')
    const group = screen.getByRole('group', { name: 'People sign in with' })
    expect(group).toHaveAccessibleDescription(
      'If the server says which it takes, the app follows the server.',
    )
    expect(screen.getByRole('radio', { name: 'Username' })).toBeChecked()
    await user.click(screen.getByRole('radio', { name: 'E-mail address' }))
    await user.click(screen.getByRole('button', { name: 'Add the server' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument()
    expect(fake.callsOf('addServer')).toEqual([
      { displayName: 'Mail', baseUrl: 'https://mail.example.com', kind: 'djoser', signInWith: 'email' },
    ])
    expect(screen.getByLabelText('E-mail address')).toHaveAttribute('type', 'email')
  })

  it('shows main’s messages on their fields and a policy refusal in the alert', async () => {
    const { user } = await openAddServer({
      addServer: () =>
        fail({ kind: 'validation', message: 'x', fields: { baseUrl: ['This host is not allowed.'] } }),
    })
    await user.type(screen.getByLabelText('Name'), 'Corp')
    await user.type(screen.getByLabelText('Address'), 'https://elsewhere.example.com')
    await user.click(screen.getByRole('button', { name: 'Add the server' }))
    expect(await screen.findByText('This host is not allowed.')).toBeInTheDocument()
    expect(screen.getByLabelText('Address')).toHaveFocus()
  })
})
