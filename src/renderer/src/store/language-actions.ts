import { switchLanguage } from '../i18n'
import { browserLanguages } from '../i18n/ask-language'
import { settle, type StoreContext } from './context'
import type { AppActions } from './types'

type LanguageActions = Pick<AppActions, 'loadLanguage' | 'chooseLanguage'>

/** The app's language: main resolves and keeps it (policy, the user's choice, the system's); the screens follow. */
export function languageActions(ctx: StoreContext): LanguageActions {
  const { bridge, set } = ctx
  return {
    async loadLanguage() {
      const result = await settle(() => bridge.getLanguage({ browserLanguages: browserLanguages() }))
      if (result.ok) set({ language: result.value })
    },
    async chooseLanguage(choice) {
      const result = await settle(() => bridge.setLanguage({ choice }))
      if (!result.ok) return false
      await switchLanguage(result.value.language)
      set({ language: result.value })
      return true
    },
  }
}
