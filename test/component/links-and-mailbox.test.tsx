import { act, createEvent, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { MailSummary } from '../../src/shared/contract'
import { alice, appInfo, demoServer, fail, linkFor, ok } from './fake-bridge'
import { accountAction, renderApp } from './render-app'

const mail = (over: Partial<MailSummary> = {}): MailSummary => ({
  id: 'm1',
  to: 'demo@example.com',
  subject: 'Password reset on Demo server',
  receivedAt: new Date().toISOString(),
  text: 'Please go to the following page and choose a new password:\nhttp://127.0.0.1:5000/reset/MQ/abc-123\nYour username: demo',
  hasLink: true,
  link: 'http://127.0.0.1:5000/reset/MQ/abc-123',
  linkWorks: true,
  ...over,
})

describe('a link that arrives while the user is typing', () => {
  it('asks in a modal dialog before replacing the input; "keep typing" keeps it and the link waits', async () => {
    const { user, fake } = await renderApp({ listAccounts: () => ok([alice]) })
    await accountAction(user, 'alice on Example Corp', 'Change password')
    await user.type(await screen.findByLabelText('Current password'), 'half-typed')
    act(() => fake.emit('onLink', { type: 'link', link: linkFor() }))
    const dialog = await screen.findByRole('dialog', { name: 'A reset link arrived' })
    expect(dialog).toHaveAttribute('aria-modal', 'true')
    expect(dialog).toHaveAccessibleDescription(/replaces what you have typed/)
    // The safe choice has the focus: the next Enter or Space typed for the form keeps it.
    expect(within(dialog).getByRole('button', { name: 'Keep typing' })).toHaveFocus()
    expect(document.querySelector('.shell')).toHaveAttribute('inert')
    // Tab stays in the dialog.
    await user.tab()
    expect(within(dialog).getByRole('button', { name: 'Open the link' })).toHaveFocus()
    await user.tab()
    expect(within(dialog).getByRole('button', { name: 'Keep typing' })).toHaveFocus()
    await user.click(within(dialog).getByRole('button', { name: 'Keep typing' }))
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getByLabelText('Current password')).toHaveValue('half-typed')
    expect(screen.getByLabelText('Current password')).toHaveFocus()
    await user.click(screen.getByRole('button', { name: 'Open the reset link' }))
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Choose a new password' }),
    ).toBeInTheDocument()
  }, 30_000)

  describe('a keystroke meant for the form never acts on the dialog', () => {
    /** The reset form for one link, half filled, with a second link arriving while a key is down. */
    async function halfFilledResetForm() {
      const app = await renderApp({ listAccounts: () => ok([alice]) })
      act(() => app.fake.emit('onLink', { type: 'link', link: linkFor() }))
      await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
      await app.user.type(screen.getByLabelText('New password', { exact: true }), 'Velvet-Harbour')
      const arrive = async () => {
        act(() =>
          app.fake.emit('onLink', {
            type: 'link',
            link: linkFor({ handle: 'ffffffffffffffffffffffffffffffff' }),
          }),
        )
        return screen.findByRole('dialog', { name: 'A reset link arrived' })
      }
      const formIntact = (typed = 'Velvet-Harbour') => {
        expect(screen.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeInTheDocument()
        expect(screen.getByLabelText('New password', { exact: true })).toHaveValue(typed)
        // The form's link is still alive in main until the user chooses.
        expect(app.fake.callsOf('discardLink')).toEqual([])
      }
      return { ...app, arrive, formIntact }
    }

    it('Enter typed in the form as the dialog opens: its release does nothing, the next Enter keeps typing', async () => {
      const { user, arrive, formIntact } = await halfFilledResetForm()
      await user.keyboard('{Enter>}')
      const dialog = await arrive()
      await user.keyboard('{/Enter}')
      expect(dialog).toBeInTheDocument()
      formIntact()
      await user.keyboard('{Enter}')
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
      formIntact()
    }, 30_000)

    it('Enter held down: its repeats reach nothing in the dialog', async () => {
      const { user, arrive, formIntact } = await halfFilledResetForm()
      await user.keyboard('{Enter>}')
      const dialog = await arrive()
      for (const name of ['Keep typing', 'Open the link']) {
        const button = within(dialog).getByRole('button', { name })
        button.focus()
        const repeat = createEvent.keyDown(button, { key: 'Enter', code: 'Enter', repeat: true })
        fireEvent(button, repeat)
        expect(repeat.defaultPrevented).toBe(true)
        const press = createEvent.keyPress(button, { key: 'Enter', code: 'Enter', charCode: 13 })
        fireEvent(button, press)
        expect(press.defaultPrevented).toBe(true)
      }
      await user.keyboard('{/Enter}')
      expect(dialog).toBeInTheDocument()
      formIntact()
    }, 30_000)

    it('Space pressed in the form as the dialog opens: its release does not press the focused button', async () => {
      const { user, arrive, formIntact } = await halfFilledResetForm()
      await user.keyboard('[Space>]')
      const dialog = await arrive()
      within(dialog).getByRole('button', { name: 'Open the link' }).focus()
      await user.keyboard('[/Space]')
      expect(dialog).toBeInTheDocument()
      formIntact('Velvet-Harbour ')
    }, 30_000)
  })

  it('"open the link" replaces the form; Escape means keep typing', async () => {
    const { user, fake } = await renderApp({ listAccounts: () => ok([alice]) })
    await user.click(screen.getByRole('button', { name: /^Forgot (a )?password$/ }))
    await user.type(await screen.findByLabelText(/^E-mail address/), 'someone@')
    act(() => fake.emit('onLink', { type: 'link', link: linkFor() }))
    await screen.findByRole('dialog')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(screen.getByText(/A reset link for/)).toBeInTheDocument()
    act(() =>
      fake.emit('onLink', { type: 'link', link: linkFor({ handle: 'ffffffffffffffffffffffffffffffff' }) }),
    )
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Open the link' }))
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Choose a new password' }),
    ).toBeInTheDocument()
    // The first link the user kept for later is still offered, and still alive in main.
    expect(screen.getByRole('button', { name: 'Open the reset link' })).toBeInTheDocument()
    expect(fake.callsOf('discardLink')).toEqual([])
  })

  it('without typed input the link opens the form directly', async () => {
    const { fake } = await renderApp({ listAccounts: () => ok([alice]) })
    act(() => fake.emit('onLink', { type: 'link', link: linkFor() }))
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Choose a new password' }),
    ).toBeInTheDocument()
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  })

  it('a second link on an untouched reset form replaces the first and drops it in main', async () => {
    const { fake } = await renderApp({ listAccounts: () => ok([alice]) })
    act(() => fake.emit('onLink', { type: 'link', link: linkFor() }))
    await screen.findByRole('heading', { level: 1, name: 'Choose a new password' })
    act(() =>
      fake.emit('onLink', { type: 'link', link: linkFor({ handle: 'ffffffffffffffffffffffffffffffff' }) }),
    )
    await waitFor(() => expect(fake.callsOf('discardLink')).toEqual([{ handle: linkFor().handle }]))
  })
})

describe('demo mailbox', () => {
  const demo = {
    getAppInfo: () =>
      ok(
        appInfo({
          demo: { enabled: true, running: true, username: 'demo', password: 'pw', email: 'demo@example.com' },
        }),
      ),
    listServers: () => ok([demoServer]),
  }

  it('shows the mail with its link and opens the link through main, which delivers it with onLink', async () => {
    const { user, fake } = await renderApp({
      ...demo,
      listDemoMail: () => ok([mail()]),
      openDemoMailLink: () => {
        setTimeout(
          () =>
            fake.emit('onLink', {
              type: 'link',
              link: linkFor({ serverId: 'demo', serverName: 'Demo server', accountHint: 'demo' }),
            }),
          0,
        )
        return ok({})
      },
    })
    const box = screen.getByRole('complementary', { name: 'Demo mailbox' })
    expect(within(box).getByRole('heading', { name: 'Password reset on Demo server' })).toBeInTheDocument()
    expect(within(box).getByText(/http:\/\/127\.0\.0\.1:5000\/reset\/MQ\/abc-123/)).toBeInTheDocument()
    await user.click(
      within(box).getByRole('button', { name: 'Open the link in “Password reset on Demo server”' }),
    )
    expect(fake.callsOf('openDemoMailLink')).toEqual([{ mailId: 'm1' }])
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Choose a new password' }),
    ).toBeInTheDocument()
  })

  it('refreshes when main says the mailbox changed', async () => {
    let list: MailSummary[] = []
    const { fake } = await renderApp({ ...demo, listDemoMail: () => ok(list) })
    expect(screen.getByText(/No mail yet/)).toBeInTheDocument()
    list = [mail({ id: 'm2', subject: 'A new one' })]
    act(() => fake.emit('onDemoMail', { count: 1 }))
    expect(await screen.findByRole('heading', { name: 'A new one' })).toBeInTheDocument()
  })

  it('shows a failure to open the link in the mailbox', async () => {
    const { user } = await renderApp({
      ...demo,
      listDemoMail: () => ok([mail()]),
      openDemoMailLink: () =>
        fail({
          kind: 'not-found',
          message: { code: 'server.not-listed' },
          serverMessage: 'This mail is gone.',
        }),
    })
    await user.click(screen.getByRole('button', { name: /Open the link/ }))
    expect(await screen.findByText('This mail is gone.')).toBeInTheDocument()
  })

  it('copies a link, marks the newest mail and a link that no longer works', async () => {
    const { user } = await renderApp({
      ...demo,
      listDemoMail: () =>
        ok([
          mail({ id: 'new', subject: 'Second', receivedAt: new Date().toISOString() }),
          mail({
            id: 'old',
            subject: 'First',
            receivedAt: new Date(Date.now() - 60_000).toISOString(),
            linkWorks: false,
          }),
        ]),
    })
    const box = screen.getByRole('complementary', { name: 'Demo mailbox' })
    const [newest, older] = within(box).getAllByRole('listitem')
    expect(within(newest!).getByText('Newest')).toBeInTheDocument()
    expect(within(older!).queryByText('Newest')).not.toBeInTheDocument()
    expect(within(older!).getByText(/This link no longer works/)).toBeInTheDocument()
    expect(within(newest!).queryByText(/no longer works/)).not.toBeInTheDocument()
    await user.click(within(newest!).getByRole('button', { name: 'Copy the link in “Second”' }))
    expect(await navigator.clipboard.readText()).toBe('http://127.0.0.1:5000/reset/MQ/abc-123')
    expect(within(newest!).getByRole('button', { name: 'Copy the link in “Second”' })).toHaveTextContent(
      'Copied',
    )
  })

  it('is reachable from the top bar (on a narrow window it is under the form)', async () => {
    const { user } = await renderApp({ ...demo, listDemoMail: () => ok([mail()]) })
    await user.click(screen.getByRole('button', { name: /^Demo mailbox/ }))
    expect(screen.getByRole('complementary', { name: 'Demo mailbox' })).toHaveFocus()
  })

  it('is absent when the demo is not running', async () => {
    await renderApp({ listDemoMail: () => ok([mail()]) })
    expect(screen.queryByRole('complementary', { name: 'Demo mailbox' })).not.toBeInTheDocument()
  })
})
