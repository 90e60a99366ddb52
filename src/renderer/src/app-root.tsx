import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import type { Bridge } from '../../shared/contract'
import { App } from './App'
import { StoreProvider } from './store/provider'
import type { FirstScreen } from './store/first-screen'
import { sessionMemory } from './store/session-memory'
import { createAppStore } from './store/store'

/** The React app, loaded by main.ts once the first screen's data is on its way. */
export function mountApp(root: HTMLElement, bridge: Bridge, firstScreen: FirstScreen): void {
  const store = createAppStore({ bridge, firstScreen, memory: sessionMemory(() => window.sessionStorage) })
  // Subscribed once, outside React (StrictMode runs effects twice); links queued in main arrive after this.
  store.getState().start()
  createRoot(root).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  )
}
