import type { i18n as I18n } from 'i18next'
import { i18n, initI18n } from '.'
import { pseudoLocaleAsked } from './pseudo'

/**
 * Starts i18n in the language main answered (askLanguage); without one, the browser's own languages decide. A
 * developer's pseudo-locale (`?pseudo=en-XA` in the address, or VITE_PSEUDO_LOCALE: pseudo.ts) comes first.
 * Resolves to the started instance.
 */
export async function startI18n(answer: Promise<string | null>): Promise<I18n> {
  const pseudo = pseudoLocaleAsked(location.search, import.meta.env.VITE_PSEUDO_LOCALE)
  const language = pseudo ?? (await answer)
  await initI18n(language ? [language] : navigator.languages)
  return i18n
}
