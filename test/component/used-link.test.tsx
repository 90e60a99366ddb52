import { act, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { alice, linkFor, ok } from './fake-bridge'
import { renderApp } from './render-app'

describe('a link already used here', () => {
  it('goes straight to the dead-link screen, says it was used here and when, and asks nothing of the server', async () => {
    const usedHereAt = new Date(Date.now() - 2 * 3_600_000).toISOString()
    const { fake } = await renderApp({ listAccounts: () => ok([alice]) })
    act(() => fake.emit('onLink', { type: 'link', link: linkFor({ usedHereAt }) }))
    await screen.findByRole('heading', { level: 1, name: 'This link can’t be used' })
    const main = screen.getByRole('main')
    expect(main).toHaveTextContent('This reset link was already used: it set a new password in Account Desk.')
    expect(main).toHaveTextContent(/You used it here on .+\(2 hours ago\)\. A link works only once\./)
    // One sentence for what the app knows, not the list of every cause.
    expect(main).not.toHaveTextContent('it has expired, it was already used, or the account changed')
    expect(screen.queryByLabelText('New password', { exact: true })).not.toBeInTheDocument()
    expect(fake.callsOf('discardLink')).toEqual([{ handle: linkFor().handle }])
    expect(fake.callsOf('checkLink')).toEqual([])
    // "Send a new link", prefilled with the account's address.
    expect(screen.getByLabelText(/^E-mail address/)).toHaveValue('alice@example.com')
    expect(screen.getAllByRole('button', { name: 'Send a new link' })).toHaveLength(1)
  })
})
