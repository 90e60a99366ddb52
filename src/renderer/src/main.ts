import { getBridge } from './bridge'
import { i18n } from './i18n'
import { startI18n } from './i18n/start'
import { requestFirstScreen } from './store/first-screen'
import './styles.css'
import './components.css'

// The entry is small on purpose: it asks the bridge for the first screen's data and the app's language, then loads
// React, the app and the language's catalogs, so these go on in parallel instead of one after the other.
const root = document.getElementById('root')
if (root) {
  let bridge
  try {
    bridge = getBridge()
  } catch {
    void startI18n(null).then(() => (root.textContent = i18n.t('app.noBridge')))
  }
  if (bridge) {
    const firstScreen = requestFirstScreen(bridge)
    const language = startI18n(bridge)
    const ready = bridge
    Promise.all([import('./app-root'), language]).then(
      ([{ mountApp }]) => mountApp(root, ready, firstScreen),
      () => (root.textContent = i18n.t('app.noScreens')),
    )
  }
}
