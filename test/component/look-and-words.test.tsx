import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { alice, djoserServer, linkFor, ok } from './fake-bridge'
import { accountAction, renderApp } from './render-app'
import { act } from 'react'

/** Every way back to the accounts, on every screen that has one, is the same "← All accounts" control. */
function expectOneBackLabel() {
  expect(screen.queryByText(/Back to accounts/i)).not.toBeInTheDocument()
  const backs = screen.getAllByRole('button', { name: 'All accounts' })
  for (const back of backs) {
    expect(back).toHaveClass('back-button')
    expect(back).toHaveTextContent(/^←\s*All accounts$/)
  }
  return backs
}

describe('one "back" label and style', () => {
  const impls = () => ({
    listAccounts: () => ok([alice]),
    listServers: () => ok([djoserServer]),
    requestReset: () => ok({ requestedAt: new Date().toISOString() }),
    changePassword: () => ok({ stillSignedIn: true, otherSessions: { code: 'sessions.unknown' as const } }),
    confirmReset: () =>
      ok({ serverId: 'corp', username: 'alice', otherSessions: { code: 'sessions.unknown' as const } }),
  })

  it('home has none; forgot password and check your mail: the top bar’s and the screen’s alike', async () => {
    const { user } = await renderApp(impls())
    expect(screen.queryByRole('button', { name: 'All accounts' })).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Forgot password' }))
    await screen.findByRole('heading', { level: 1, name: 'Forgot password' })
    expect(expectOneBackLabel()).toHaveLength(2)
    await user.type(screen.getByLabelText(/^E-mail address/), 'alice@example.com{Enter}')
    await screen.findByRole('heading', { level: 1, name: 'Check your mail' })
    expect(expectOneBackLabel()).toHaveLength(2)
  })

  it('password reset: the same way back', async () => {
    const { user, fake } = await renderApp(impls())
    act(() => fake.emit('onLink', { type: 'link', link: linkFor() }))
    await user.type(await screen.findByLabelText('New password'), 'Tr1cky-Harbour-42')
    await user.type(screen.getByLabelText('New password again'), 'Tr1cky-Harbour-42{Enter}')
    await screen.findByRole('heading', { level: 1, name: 'Your password has been reset' })
    expect(expectOneBackLabel()).toHaveLength(2)
  })

  it('password changed: the same way back', async () => {
    const { user } = await renderApp(impls())
    await accountAction(user, 'alice on Example Corp', 'Change password')
    await user.type(await screen.findByLabelText('Current password'), 'Old-Password-1')
    await user.type(screen.getByLabelText('New password'), 'New-Harbour-77')
    await user.type(screen.getByLabelText('New password again'), 'New-Harbour-77{Enter}')
    await screen.findByRole('heading', { level: 1, name: 'Your password has been changed' })
    expect(expectOneBackLabel()).toHaveLength(2)
  })

  it('sign-in with no server set up offers the same way back', async () => {
    const { user } = await renderApp({ listServers: () => ok([]), listAccounts: () => ok([alice]) })
    await user.click(screen.getByRole('button', { name: 'Add an account' }))
    await screen.findByText(/No server is set up yet/)
    expect(expectOneBackLabel()).toHaveLength(2)
  })
})

describe('password fields', () => {
  it('the show button is inside the input’s box, a toggle with one name', async () => {
    const { user } = await renderApp({ listAccounts: () => ok([alice]) })
    await accountAction(user, 'alice on Example Corp', 'Change password')
    for (const label of ['Current password', 'New password', 'New password again']) {
      const input = await screen.findByLabelText(label)
      const toggle = screen.getByRole('button', { name: `Show ${label.toLowerCase()}` })
      // In the same box as the input, and the input leaves room for it.
      expect(toggle.parentElement).toBe(input.parentElement)
      expect(input).toHaveClass('input--with-toggle')
      expect(toggle).toHaveClass('field-toggle')
      expect(toggle).not.toHaveClass('button')
      // No visible word that would differ from its name: an icon, the state in aria-pressed.
      expect(toggle).toHaveTextContent('')
      expect(toggle).toHaveAttribute('aria-pressed', 'false')
      await user.click(toggle)
      expect(toggle).toHaveAttribute('aria-pressed', 'true')
      expect(toggle).toHaveAccessibleName(`Show ${label.toLowerCase()}`)
      expect(input).toHaveAttribute('type', 'text')
    }
  })
})
