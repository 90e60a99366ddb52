import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { App } from '../../src/renderer/src/App'
import { StoreProvider } from '../../src/renderer/src/store/provider'
import type { SessionMemory } from '../../src/renderer/src/store/session-memory'
import { createAppStore } from '../../src/renderer/src/store/store'
import { createFakeBridge, type FakeBridge, type Impls } from './fake-bridge'

/** The whole renderer on a fake bridge, started the way main.ts and app-root.tsx start it; resolves once the first screen is up. */
export async function renderApp(
  impls: Impls | FakeBridge = {},
  options: {
    resendCooldownSeconds?: number
    advanceTimers?: (ms: number) => unknown
    /** Keeps the screen across "reloads" (a second renderApp with the same memory). */
    memory?: SessionMemory
    /** The first screen's heading, when it is not the home screen (a restored screen). */
    firstHeading?: RegExp
  } = {},
) {
  const fake = 'bridge' in impls ? (impls as FakeBridge) : createFakeBridge(impls as Impls)
  const store = createAppStore({
    bridge: fake.bridge,
    ...(options.resendCooldownSeconds !== undefined
      ? { resendCooldownSeconds: options.resendCooldownSeconds }
      : {}),
    ...(options.memory ? { memory: options.memory } : {}),
  })
  const stop = store.getState().start()
  const user = userEvent.setup(options.advanceTimers ? { advanceTimers: options.advanceTimers } : {})
  const view = render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  )
  await screen.findByRole('heading', { level: 1, name: options.firstHeading ?? /welcome|your accounts/i })
  return { fake, store, user, stop, ...view }
}

/** Everything in the store, as text: to prove no password is in it. */
export const storeText = (store: ReturnType<typeof createAppStore>): string =>
  JSON.stringify(store.getState(), (_key, value: unknown) =>
    typeof value === 'function' ? undefined : value,
  )

/** Opens the actions menu of an account ("alice on Example Corp") and chooses one of its items. */
export async function accountAction(user: ReturnType<typeof userEvent.setup>, where: string, action: string) {
  await user.click(screen.getByRole('button', { name: `Actions for ${where}` }))
  await user.click(await screen.findByRole('menuitem', { name: action }))
}
