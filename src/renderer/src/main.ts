import type { Bridge } from '../../shared/contract'
import { getBridge } from './bridge'
import { askLanguage } from './i18n/ask-language'
import { requestFirstScreen } from './store/first-screen'
import './styles.css'
import './components.css'

// The entry is small on purpose: it asks the bridge for the first screen's data, then loads React, the app, i18n
// and the language's catalogs, so these go on in parallel instead of one after the other. i18n is imported here
// only dynamically: react-i18next brings React, which a static import would put back into this entry.
// main's answer about the language is asked at once, beside the first screen's data, not after i18n has loaded.
const startLanguage = (bridge: Bridge | null) => {
  const answer = askLanguage(bridge)
  return import('./i18n/start').then(async ({ startI18n }) => {
    await startI18n(answer)
    return (await import('./i18n')).i18n
  })
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
