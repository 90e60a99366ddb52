import type { Bridge } from '../../../shared/contract'
import { initI18n } from '.'
import { pseudoLocaleAsked } from './pseudo'

/** The browser's languages as main's contract takes them (navigator.languages: the system's in the browser shell). */
export function browserLanguages(): string[] {
  return navigator.languages.filter((tag) => /^[A-Za-z0-9_-]{1,35}$/.test(tag)).slice(0, 32)
}

/**
 * Starts i18n in the app's language as main resolves it (the policy's, the user's choice, the system's). Without
 * an answer from main (no bridge, a broken one), the browser's own languages decide. A developer's pseudo-locale
 * (`?pseudo=en-XA` in the address, or VITE_PSEUDO_LOCALE: pseudo.ts) comes before all of these.
 */
export async function startI18n(bridge: Bridge | null): Promise<void> {
  const pseudo = pseudoLocaleAsked(location.search, import.meta.env.VITE_PSEUDO_LOCALE)
  if (pseudo) return initI18n([pseudo])
  let language: string | null = null
  try {
    const state = await bridge?.getLanguage({ browserLanguages: browserLanguages() })
    if (state?.ok) language = state.value.language
  } catch {
    // The browser's languages, below.
  }
  await initI18n(language ? [language] : navigator.languages)
}
