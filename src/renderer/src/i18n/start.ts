import { initI18n } from '.'
import { pseudoLocaleAsked } from './pseudo'

/**
 * Starts i18n in the language main answered (askLanguage); without one, the browser's own languages decide. A
 * developer's pseudo-locale (`?pseudo=en-XA` in the address, or VITE_PSEUDO_LOCALE: pseudo.ts) comes first.
 */
export async function startI18n(answer: Promise<string | null>): Promise<void> {
  const pseudo = pseudoLocaleAsked(location.search, import.meta.env.VITE_PSEUDO_LOCALE)
  if (pseudo) return initI18n([pseudo])
  const language = await answer
  await initI18n(language ? [language] : navigator.languages)
}
