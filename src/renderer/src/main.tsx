import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { getBridge } from './bridge'
import { StoreProvider } from './store/provider'
import { createAppStore } from './store/store'
import './styles.css'
import './components.css'

const root = document.getElementById('root')
if (root) {
  let bridge
  try {
    bridge = getBridge()
  } catch {
    root.textContent = 'Account Desk could not reach its background service. Restart the app.'
  }
  if (bridge) {
    const store = createAppStore({ bridge })
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
}
