import { getBridge } from './bridge'
import { i18n, initI18n } from './i18n'
import { pseudoLocaleAsked } from './i18n/pseudo'
import { requestFirstScreen } from './store/first-screen'
import './styles.css'
import './components.css'

// The entry is small on purpose: it asks the bridge for the first screen's data, then loads React, the app and the
// language's catalogs, so these go on in parallel instead of one after the other.
const root = document.getElementById('root')
if (root) {
  const pseudo = pseudoLocaleAsked(location.search, import.meta.env.VITE_PSEUDO_LOCALE)
  const language = initI18n(pseudo ? [pseudo] : navigator.languages)
  let bridge
  try {
    bridge = getBridge()
  } catch {
    void language.then(() => (root.textContent = i18n.t('app.noBridge')))
  }
  if (bridge) {
    const firstScreen = requestFirstScreen(bridge)
    const ready = bridge
    Promise.all([import('./app-root'), language]).then(
      ([{ mountApp }]) => mountApp(root, ready, firstScreen),
      () => (root.textContent = i18n.t('app.noScreens')),
    )
  }
}
