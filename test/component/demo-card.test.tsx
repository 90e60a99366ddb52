import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { AppInfo } from '../../src/shared/contract'
import { appInfo, demoServer, ok } from './fake-bridge'
import { renderApp } from './render-app'

const seeded: AppInfo['demo'] = {
  enabled: true,
  running: true,
  username: 'demo',
  password: 'orange-bicycle-42',
  passwordChanged: false,
  email: 'demo@example.com',
}
const changed: AppInfo['demo'] = { ...seeded, password: undefined, passwordChanged: true }

describe('the demo card stays true', () => {
  it('after the demo password was changed it no longer shows it, and "Reset demo" brings it back', async () => {
    let demo = changed
    const { user, fake } = await renderApp({
      getAppInfo: () => ok(appInfo({ demo })),
      listServers: () => ok([demoServer]),
      resetDemo: () => {
        demo = seeded
        return ok({})
      },
    })
    const card = screen.getByRole('region', { name: 'Try it with the demo server' })
    expect(within(card).queryByText('orange-bicycle-42')).not.toBeInTheDocument()
    expect(within(card).getByText(/You changed the demo password/)).toBeInTheDocument()
    await user.click(within(card).getByRole('button', { name: 'Reset demo' }))
    expect(fake.callsOf('resetDemo')).toEqual([{}])
    expect(await screen.findByText('orange-bicycle-42')).toBeInTheDocument()
    expect(screen.getByText('The demo server is back to its start.')).toBeInTheDocument()
    expect(screen.queryByText(/You changed the demo password/)).not.toBeInTheDocument()
  }, 30_000)
})
