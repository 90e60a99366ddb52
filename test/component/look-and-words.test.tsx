import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { NewPasswordFields } from '../../src/renderer/src/components/NewPasswordFields'
import { DEFAULT_RULES } from '../../src/renderer/src/password/checklist'
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
  it('the top bar and each screen’s way back say "← All accounts" alike', async () => {
    const { user, fake } = await renderApp({
      listAccounts: () => ok([alice]),
      listServers: () => ok([djoserServer]),
      requestReset: () => ok({ requestedAt: new Date().toISOString() }),
      changePassword: () => ok({ stillSignedIn: true, otherSessions: 'Other sessions stay.' }),
      confirmReset: () => ok({ serverId: 'corp', username: 'alice', otherSessions: 'Other sessions stay.' }),
    })
    // Home has no way back.
    expect(screen.queryByRole('button', { name: 'All accounts' })).not.toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Forgot password' }))
    await screen.findByRole('heading', { level: 1, name: 'Forgot password' })
    expect(expectOneBackLabel()).toHaveLength(2)
    await user.type(screen.getByLabelText(/^E-mail address/), 'alice@example.com{Enter}')
    await screen.findByRole('heading', { level: 1, name: 'Check your mail' })
    expect(expectOneBackLabel()).toHaveLength(2)

    act(() => fake.emit('onLink', { type: 'link', link: linkFor() }))
    await user.type(await screen.findByLabelText('New password'), 'Tr1cky-Harbour-42')
    await user.type(screen.getByLabelText('New password again'), 'Tr1cky-Harbour-42{Enter}')
    await screen.findByRole('heading', { level: 1, name: 'Your password has been reset' })
    expect(expectOneBackLabel()).toHaveLength(2)

    await user.click(screen.getAllByRole('button', { name: 'All accounts' }).at(-1) as HTMLElement)
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

function Harness({ newErrors = [] }: { newErrors?: string[] }) {
  const [a, setA] = useState('')
  const [b, setB] = useState('')
  return (
    <NewPasswordFields
      newPassword={a}
      retypePassword={b}
      onNewPassword={setA}
      onRetypePassword={setB}
      rules={DEFAULT_RULES}
      newErrors={newErrors}
      retypeErrors={[]}
    />
  )
}

describe('one message per fact', () => {
  const strengthText = () => screen.getByText(/^Strength:/)

  it('a common password: the checklist says it, the meter only rates it', async () => {
    const user = userEvent.setup()
    render(<Harness />)
    await user.type(screen.getByLabelText('New password'), 'password')
    const common = screen.getByText('Not a common password').closest('li') as HTMLElement
    await waitFor(() => expect(common).toHaveClass('check--unmet'))
    await waitFor(() => expect(strengthText()).toHaveTextContent('Strength: Very weak'), { timeout: 20_000 })
    expect(strengthText()).not.toHaveTextContent(/used password/)
    expect(screen.queryAllByText(/common/i).map((e) => e.textContent)).toEqual([
      'Not a common password (not yet)',
    ])
  }, 30_000)

  it('the server’s error on the field is not said again by the meter', async () => {
    const user = userEvent.setup()
    render(<Harness newErrors={['This password is too easy to guess.']} />)
    await user.type(screen.getByLabelText('New password'), 'abcdefgh123')
    await waitFor(() => expect(strengthText()).toHaveTextContent('Strength: Weak'), { timeout: 20_000 })
    expect(strengthText()).toHaveTextContent(/^Strength: Weak$/)
  }, 30_000)

  it('the meter’s advice shows when it adds something the checklist does not say', async () => {
    const user = userEvent.setup()
    render(<Harness />)
    await user.type(screen.getByLabelText('New password'), 'abcdefgh123')
    const list = screen.getByText('Not a common password').closest('ul') as HTMLElement
    await waitFor(() =>
      expect(
        within(list)
          .getAllByRole('listitem')
          .every((li) => li.classList.contains('check--met')),
      ).toBe(true),
    )
    await waitFor(() => expect(strengthText()).toHaveTextContent(/Common character sequences/), {
      timeout: 20_000,
    })
  }, 30_000)
})
