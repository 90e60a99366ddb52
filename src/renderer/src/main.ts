import type { Bridge } from '../../shared/contract'
import { getBridge } from './bridge'
import { askLanguage } from './i18n/ask-language'
import { requestFirstScreen } from './store/first-screen'
import './styles.css'
import './components.css'

// The entry is small on purpose: it asks the bridge for the first screen's data and for the language, then loads
// React, the app and i18n (with the English catalogs in it), so these go on in parallel instead of one after the
// other; index.html preloads their chunks (tools/vite/preload-app-chunk.ts). i18n is imported here only
// dynamically: react-i18next brings React, which a static import would put back into this entry.
const startLanguage = (bridge: Bridge | null) => {
  const answer = askLanguage(bridge)
  return import('./i18n/start').then(({ startI18n }) => startI18n(answer))
}

const root = document.getElementById('root')
if (root) {
  let bridge
  try {
    bridge = getBridge()
  } catch {
    void startLanguage(null).then((i18n) => (root.textContent = i18n.t('app.noBridge')))
  }
  if (bridge) {
    const firstScreen = requestFirstScreen(bridge)
    const language = startLanguage(bridge)
    const ready = bridge
    Promise.all([import('./app-root'), language]).then(
      ([{ mountApp }]) => mountApp(root, ready, firstScreen),
      () =>
        language.then(
          (i18n) => (root.textContent = i18n.t('app.noScreens')),
          () => undefined,
        ),
    )
  }
}
