import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { alice, fail, ok } from './fake-bridge'
import { accountAction, renderApp } from './render-app'

async function openChange(fields: Record<string, string[]>) {
  const app = await renderApp({
    listAccounts: () => ok([alice]),
    changePassword: () =>
      fail({
        kind: 'validation',
        message: { code: 'form.check-fields' },
        serverMessage: 'Check the form.',
        fields,
      }),
  })
  await accountAction(app.user, 'alice on Example Corp', 'Change password')
  await screen.findByRole('heading', { level: 1, name: 'Change password' })
  return app
}

describe('errors that behave', () => {
  it('a server error on the new password goes (text and red border) when the user edits that field', async () => {
    const { user } = await openChange({ new_password: ['This password is too common.'] })
    await user.type(screen.getByLabelText('Current password'), 'Old-Password-1')
    await user.type(screen.getByLabelText('New password'), 'password1')
    await user.type(screen.getByLabelText('New password again'), 'password1')
    await user.click(screen.getByRole('button', { name: 'Change password' }))
    expect(await screen.findByText('This password is too common.')).toBeInTheDocument()
    const field = screen.getByLabelText('New password')
    expect(field).toHaveAttribute('aria-invalid', 'true')
    await user.type(field, '-Harbour-77')
    expect(screen.queryByText('This password is too common.')).not.toBeInTheDocument()
    expect(field).not.toHaveAttribute('aria-invalid')
    expect(field.closest('.field')).not.toHaveClass('field--invalid')
  }, 30_000)

  it('after a mismatch, focus goes to the field that failed, not to one with an older error', async () => {
    const { user } = await openChange({ current_password: ['Invalid password.'] })
    await user.type(screen.getByLabelText('Current password'), 'wrong')
    await user.type(screen.getByLabelText('New password'), 'New-Harbour-77')
    await user.type(screen.getByLabelText('New password again'), 'New-Harbour-77')
    await user.click(screen.getByRole('button', { name: 'Change password' }))
    expect(await screen.findByText('Invalid password.')).toBeInTheDocument()
    expect(screen.getByLabelText('Current password')).toHaveFocus()
    await user.type(screen.getByLabelText('New password again'), 'x')
    await user.click(screen.getByRole('button', { name: 'Change password' }))
    expect(await screen.findByText('The two password fields didn’t match.')).toBeInTheDocument()
    expect(screen.getByLabelText('New password again')).toHaveFocus()
    expect(screen.getByLabelText('Current password')).not.toHaveAttribute('aria-invalid')
  }, 30_000)
})
