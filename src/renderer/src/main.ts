import { getBridge } from './bridge'
import { requestFirstScreen } from './store/first-screen'
import './styles.css'
import './components.css'

// The entry is small on purpose: it asks the bridge for the first screen's data, then loads React and the app,
// so the two go on in parallel instead of one after the other.
const root = document.getElementById('root')
if (root) {
  let bridge
  try {
    bridge = getBridge()
  } catch {
    root.textContent = 'Account Desk could not reach its background service. Restart the app.'
  }
  if (bridge) {
    const firstScreen = requestFirstScreen(bridge)
    const ready = bridge
    import('./app-root').then(
      ({ mountApp }) => mountApp(root, ready, firstScreen),
      () => (root.textContent = 'Account Desk could not load its screens. Restart the app.'),
    )
  }
}
