import { screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { fail, ok } from './fake-bridge'
import { renderApp } from './render-app'

const TEXT =
  'Account Desk 1.2.3 (electron)\nServers: https://accounts.example.com\n\nLast 1 log lines:\n{"event":"x"}'

describe('About and diagnostics', () => {
  it('reached from the top bar: shows main’s diagnostics and copies exactly that text', async () => {
    const { user, fake } = await renderApp({
      getDiagnostics: () => ok({ text: TEXT, logFile: '/logs/main.log' }),
    })
    await user.click(screen.getByRole('button', { name: 'About' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'About and diagnostics' })).toHaveFocus()
    expect(screen.getByLabelText('Diagnostics')).toHaveTextContent('Servers: https://accounts.example.com')
    expect(screen.getByText(/If you ask your IT team/)).toHaveTextContent(
      /The full log is in \/logs\/main\.log\./,
    )
    await user.click(screen.getByRole('button', { name: 'Copy diagnostics' }))
    // user-event stands in for the clipboard: what the page wrote is what it reads back.
    expect(await navigator.clipboard.readText()).toBe(TEXT)
    expect(screen.getByText('Copied.')).toBeInTheDocument()
    expect(fake.callsOf('getDiagnostics')).toEqual([{}])
    expect(screen.queryByRole('button', { name: 'About' })).not.toBeInTheDocument()
  })

  it('copying refused: says how to copy by hand', async () => {
    const { user } = await renderApp({ getDiagnostics: () => ok({ text: TEXT, logFile: null }) })
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('NotAllowedError'))
    await user.click(screen.getByRole('button', { name: 'About' }))
    await user.click(await screen.findByRole('button', { name: 'Copy diagnostics' }))
    expect(await screen.findByText(/select the text above and copy it/)).toBeInTheDocument()
  })

  it('main does not answer: an error, and the way back', async () => {
    const { user } = await renderApp({ getDiagnostics: () => fail({ kind: 'internal', message: 'x' }) })
    await user.click(screen.getByRole('button', { name: 'About' }))
    expect(await screen.findByText(/The diagnostics could not be read/)).toBeInTheDocument()
    await user.click(screen.getAllByRole('button', { name: 'All accounts' }).at(-1) as HTMLElement)
    expect(
      await screen.findByRole('heading', { level: 1, name: /welcome|your accounts/i }),
    ).toBeInTheDocument()
  })
})
