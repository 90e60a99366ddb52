import { act, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { sessionMemory } from '../../src/renderer/src/store/session-memory'
// The app imports the kept-screen check only when a screen was kept (a reload). Imported here up front: its first
// import in the test runner transforms zod, which on a busy machine takes longer than a heading is waited for.
import '../../src/renderer/src/store/restorable-screen'
import { alice, formsServer, linkFor, ok } from './fake-bridge'
import { renderApp, storeText } from './render-app'

/** A stand-in for the window's sessionStorage that outlives one render, as the real one outlives a reload. */
function fakeSessionStorage() {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  }
}

const NEW = 'Quartz-Meadow-51'

describe('a reload mid-flow keeps the flow', () => {
  it('comes back to the reset form with the same link handle, and nothing typed is kept', async () => {
    const storage = fakeSessionStorage()
    const memory = sessionMemory(() => storage)
    const first = await renderApp({ listAccounts: () => ok([alice]) }, { memory })
    act(() => first.fake.emit('onLink', { type: 'link', link: linkFor() }))
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    await first.user.type(screen.getByLabelText('New password', { exact: true }), NEW)
    expect([...storage.items.values()].join()).not.toContain(NEW)
    // The reload: the page and its store are gone, the window's session storage stays.
    first.stop()
    first.unmount()

    let confirmed: unknown = null
    const second = await renderApp(
      {
        listAccounts: () => ok([alice]),
        confirmReset: (request) => {
          confirmed = request
          return ok({
            serverId: 'corp',
            username: 'alice',
            otherSessions: { code: 'sessions.unknown' as const },
          })
        },
      },
      { memory, firstHeading: /Choose a new password/ },
    )
    expect(screen.getByLabelText('New password', { exact: true })).toHaveValue('')
    expect(screen.getByText('Example Corp', { selector: 'dd' })).toBeInTheDocument()
    // Pasted, not typed key by key: the point here is what is sent, and jsdom on a busy machine is slow.
    await second.user.click(screen.getByLabelText('New password', { exact: true }))
    await second.user.paste(NEW)
    await second.user.click(screen.getByLabelText('New password again', { exact: true }))
    await second.user.paste(NEW)
    await second.user.keyboard('{Enter}')
    await screen.findByRole('heading', { level: 1, name: 'Your password has been reset' })
    expect(confirmed).toEqual({ handle: linkFor().handle, newPassword: NEW, retypePassword: NEW })
    expect([...storage.items.values()].join()).not.toContain(NEW)
    expect(storeText(second.store)).not.toContain(NEW)
  })

  it('comes back to "check your mail" after asking for a link', async () => {
    const storage = fakeSessionStorage()
    const memory = sessionMemory(() => storage)
    const first = await renderApp(
      { requestReset: () => ok({ requestedAt: new Date().toISOString() }) },
      { memory },
    )
    await first.user.click(screen.getByRole('button', { name: 'Forgot password' }))
    await first.user.type(screen.getByLabelText(/^E-mail address/), 'alice@example.com{Enter}')
    await screen.findByRole('heading', { level: 1, name: 'Check your mail' })
    first.stop()
    first.unmount()

    await renderApp({}, { memory, firstHeading: /Check your mail/ })
    expect(screen.getByRole('main')).toHaveTextContent('alice@example.com')
  })

  it('ignores a kept screen it cannot read and starts at the first screen', async () => {
    const storage = fakeSessionStorage()
    storage.setItem('account-desk.screen', '{"flow":"reset","step":{"name":"form","link":{"handle":"x"}}}')
    await renderApp({}, { memory: sessionMemory(() => storage) })
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(/Welcome|Your accounts/)
  })
})

describe('leaving a half-filled form asks first', () => {
  it('asks before the top bar leaves typed input, and Stay keeps it', async () => {
    const { user, fake } = await renderApp({ listAccounts: () => ok([alice]) })
    act(() => fake.emit('onLink', { type: 'link', link: linkFor() }))
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    await user.type(screen.getByLabelText('New password', { exact: true }), NEW)
    await user.click(screen.getByRole('button', { name: 'All accounts' }))

    const dialog = screen.getByRole('dialog', { name: 'Leave this screen?' })
    expect(dialog).toHaveAccessibleDescription(/not saved/)
    expect(within(dialog).getByRole('button', { name: 'Stay' })).toHaveFocus()
    await user.click(within(dialog).getByRole('button', { name: 'Stay' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getByLabelText('New password', { exact: true })).toHaveValue(NEW)
    expect(fake.callsOf('discardLink')).toEqual([])

    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Leave' }))
    await screen.findByRole('heading', { level: 1, name: 'Your accounts' })
    expect(fake.callsOf('discardLink')).toEqual([{ handle: linkFor().handle }])
  })

  it('Escape answers Stay; About from the top bar asks too', async () => {
    const { user } = await renderApp({ listAccounts: () => ok([alice]) })
    await user.click(screen.getByRole('button', { name: 'Add a server' }))
    await screen.findByRole('heading', { level: 1, name: /server/i })
    await user.type(screen.getAllByRole('textbox')[0] as HTMLElement, 'Intranet')
    await user.click(screen.getByRole('button', { name: 'About' }))
    expect(screen.getByRole('dialog', { name: 'Leave this screen?' })).toBeInTheDocument()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getAllByRole('textbox')[0]).toHaveValue('Intranet')
  })

  it('does not ask when nothing was typed', async () => {
    const { user, fake } = await renderApp({ listAccounts: () => ok([alice]) })
    act(() => fake.emit('onLink', { type: 'link', link: linkFor() }))
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    await user.click(screen.getByRole('button', { name: 'All accounts' }))
    await screen.findByRole('heading', { level: 1, name: 'Your accounts' })
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })
})

describe('a reload while a link is being checked', () => {
  it('asks the server again (the user had asked) and lands on the form', async () => {
    const storage = fakeSessionStorage()
    const memory = sessionMemory(() => storage)
    const link = linkFor({ serverId: 'intranet', serverName: 'Intranet' })
    const first = await renderApp(
      {
        listServers: () => ok([formsServer]),
        listAccounts: () => ok([alice]),
        checkLink: () => new Promise(() => {}),
      },
      { memory },
    )
    act(() => first.fake.emit('onLink', { type: 'link', link }))
    await first.user.click(await screen.findByRole('button', { name: 'Open the reset form' }))
    await screen.findByRole('heading', { level: 1, name: 'Checking your link…' })
    first.stop()
    first.unmount()

    const second = await renderApp(
      {
        listServers: () => ok([formsServer]),
        listAccounts: () => ok([alice]),
        checkLink: () => ok({ status: 'valid' }),
      },
      { memory, firstHeading: /Checking your link|Choose a new password/ },
    )
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    expect(second.fake.callsOf('checkLink')).toEqual([{ handle: link.handle }])
  })
})
