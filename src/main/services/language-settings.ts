import type { LanguageState } from '../../shared/contract'
import { fail, ok, type Result } from '../../shared/errors'
import {
  pickLanguage,
  resolveLanguage,
  serverLanguages,
  type LanguageChoice,
  type SupportedLanguage,
} from '../../shared/language'

/**
 * The app's language, in main: the policy's pin, the user's choice (kept in settings.json) and the system's
 * languages, resolved by src/shared/language.ts. Servers are asked in it (Accept-Language, `serverLanguages`), and
 * the renderer words its screens in it (getLanguage / setLanguage).
 */
export interface LanguageSettings {
  state(): LanguageState
  /** The user's choice; refused while the policy pins a language. Saved with the settings. */
  choose(choice: LanguageChoice): Result<LanguageState>
  /** The browser shell's renderer reports its navigator.languages: there, the browser is the system. */
  reportBrowserLanguages(tags: readonly string[]): void
  /** What servers are asked for, most wanted first: the app's language, then the system's others. */
  serverLanguages(): readonly string[]
}

export function createLanguageSettings(options: {
  /** The managed policy's language, or null. */
  pinned: SupportedLanguage | null
  /** The choice read from settings.json. */
  choice: LanguageChoice
  /** The system's preferred languages, most wanted first (Electron: app.getLocale() and getPreferredSystemLanguages()). */
  system: () => readonly string[]
  /** true in the browser shell: the languages the renderer reports are the system's. */
  browserIsSystem: boolean
  /** Keeps the choice with the settings. */
  save: (choice: LanguageChoice) => void
}): LanguageSettings {
  let choice = options.choice
  let reported: readonly string[] | null = null
  const system = () => (options.browserIsSystem && reported ? reported : options.system())
  const state = (): LanguageState => {
    const { language } = resolveLanguage({ pinned: options.pinned, choice, system: system() })
    const fromSystem = pickLanguage(system())
    return { language, choice, pinned: options.pinned !== null, system: fromSystem }
  }
  return {
    state,
    choose(next) {
      if (options.pinned !== null)
        return fail({
          kind: 'policy',
          message: { code: 'policy.language-pinned' },
        })
      if (next !== choice) {
        choice = next
        options.save(next)
      }
      return ok(state())
    },
    reportBrowserLanguages(tags) {
      if (options.browserIsSystem && tags.length > 0) reported = [...tags]
    },
    serverLanguages: () => serverLanguages(state().language, system()),
  }
}
