import type { AppMessage } from '../../src/shared/messages'
import { act, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Result } from '../../src/shared/errors'
import { alice, deferred, fail, ok, type Impls } from './fake-bridge'
import { accountAction, renderApp, storeText } from './render-app'

async function openChange(impls: Impls = {}) {
  const app = await renderApp({ listAccounts: () => ok([alice]), ...impls })
  await accountAction(app.user, 'alice on Example Corp', 'Change password')
  expect(await screen.findByRole('heading', { level: 1, name: 'Change password' })).toHaveFocus()
  return app
}

async function fill(
  user: Awaited<ReturnType<typeof renderApp>>['user'],
  current: string,
  next: string,
  again = next,
) {
  await user.type(screen.getByLabelText('Current password'), current)
  await user.type(screen.getByLabelText('New password'), next)
  await user.type(screen.getByLabelText('New password again'), again)
  await user.click(screen.getByRole('button', { name: 'Change password' }))
}

describe('change password', () => {
  it('has the right autocomplete on each field and says for which account', async () => {
    await openChange()
    expect(screen.getByLabelText('Current password')).toHaveAttribute('autocomplete', 'current-password')
    expect(screen.getByLabelText('New password')).toHaveAttribute('autocomplete', 'new-password')
    expect(screen.getByLabelText('New password again')).toHaveAttribute('spellcheck', 'false')
    expect(screen.getByText(/^For/)).toHaveTextContent('For alice on Example Corp.')
  })

  it('changes the password; done shows what happened to other sessions', async () => {
    const { user, fake } = await openChange({
      changePassword: () =>
        ok({ stillSignedIn: true, otherSessions: { code: 'sessions.change-signed-out' } }),
    })
    await fill(user, 'Old-Password-1', 'New-Harbour-77')
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Your password has been changed' }),
    ).toHaveFocus()
    expect(
      screen.getByText('Your other sessions on this server were signed out. This app stays signed in.'),
    ).toBeInTheDocument()
    expect(screen.getByText(/You are still signed in here/)).toBeInTheDocument()
    expect(fake.callsOf('changePassword')).toEqual([
      {
        accountId: 'corp:alice',
        currentPassword: 'Old-Password-1',
        newPassword: 'New-Harbour-77',
        retypePassword: 'New-Harbour-77',
      },
    ])
  })

  it('when the server signed this app out, done offers to sign in with the new password', async () => {
    const { user } = await openChange({
      changePassword: () => ok({ stillSignedIn: false, otherSessions: null }),
    })
    await fill(user, 'Old-Password-1', 'New-Harbour-77')
    await user.click(await screen.findByRole('button', { name: 'Sign in with the new password' }))
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in with your new password' }),
    ).toBeInTheDocument()
    expect(screen.getByLabelText('Username')).toHaveValue('alice')
  })

  it.each([
    ['djoser', { current_password: ['Invalid password.'] }],
    ['Django forms', { old_password: ['Your old password was entered incorrectly. Please enter it again.'] }],
    ['main', { currentPassword: ['Invalid password.'] }],
  ])('puts a wrong current password (%s names) on the current-password field', async (_n, fields) => {
    const { user } = await openChange({
      changePassword: () =>
        fail({
          kind: 'validation',
          message: { code: 'form.check-fields' },
          serverMessage: 'Check the form.',
          fields,
        }),
    })
    await fill(user, 'wrong', 'New-Harbour-77')
    const message = Object.values(fields)[0]?.[0] as string
    expect(await screen.findByText(message)).toBeInTheDocument()
    expect(screen.getByLabelText('Current password')).toHaveFocus()
    expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription(
      new RegExp(message.slice(0, 20)),
    )
  })

  it('shows the server’s similarity message on the new password field', async () => {
    const { user } = await openChange({
      changePassword: () =>
        fail({
          kind: 'validation',
          message: { code: 'form.check-fields' },
          fields: { new_password: ['The password is too similar to the username.'] },
        }),
    })
    await fill(user, 'Old-Password-1', 'Alice-987')
    expect(
      await screen.findByText('The password is too similar to the username.', {
        selector: 'li > [data-server-text]',
      }),
    ).toBeInTheDocument()
    expect(screen.getByLabelText('New password')).toHaveFocus()
  })

  it('an ended session offers "sign in again"', async () => {
    const { user } = await openChange({
      changePassword: () =>
        fail({
          kind: 'auth',
          message: { code: 'session.ended' },
          sessionExpired: true,
        }),
    })
    await fill(user, 'Old-Password-1', 'New-Harbour-77')
    const alert = (await screen.findByText('You have been signed out')).closest(
      '[role="alert"]',
    ) as HTMLElement
    await user.click(within(alert).getByRole('button', { name: 'Sign in again' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in again' })).toBeInTheDocument()
  })

  it('after an ambiguous timeout says it may have worked, with a way to try the new password', async () => {
    const { user } = await openChange({
      changePassword: () =>
        fail({
          kind: 'timeout',
          message: { code: 'timeout.try-again' },
          serverMessage: 'No answer in time.',
          mayHaveApplied: true,
        }),
    })
    await fill(user, 'Old-Password-1', 'New-Harbour-77')
    const alert = (await screen.findByText('It may have worked')).closest('[role="alert"]') as HTMLElement
    expect(within(alert).getByRole('button', { name: 'Try signing in with the new password' })).toBeVisible()
    expect(within(alert).queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument()
  })

  it('keeps none of the three passwords in the store, during or after the step', async () => {
    const answer = deferred<Result<{ stillSignedIn: boolean; otherSessions: AppMessage | null }>>()
    const { user, store } = await openChange({ changePassword: () => answer.promise })
    await fill(user, 'Current-Secret-1', 'Next-Secret-22')
    expect(await screen.findByRole('button', { name: /Changing/ })).toHaveAttribute('aria-busy', 'true')
    for (const secret of ['Current-Secret-1', 'Next-Secret-22'])
      expect(storeText(store)).not.toContain(secret)
    await act(async () => answer.resolve(ok({ stillSignedIn: true, otherSessions: null })))
    await screen.findByRole('heading', { level: 1, name: 'Your password has been changed' })
    for (const secret of ['Current-Secret-1', 'Next-Secret-22'])
      expect(storeText(store)).not.toContain(secret)
  })
})
