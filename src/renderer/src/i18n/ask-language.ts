import type { Bridge } from '../../../shared/contract'

/** The browser's languages as main's contract takes them (navigator.languages: the system's in the browser shell). */
export function browserLanguages(): string[] {
  return navigator.languages.filter((tag) => /^[A-Za-z0-9_-]{1,35}$/.test(tag)).slice(0, 32)
}

/**
 * Asks main for the app's language (the policy's, the user's choice, the system's): null without an answer (no
 * bridge, a broken one). Cheap to import: the entry asks this before i18n itself has loaded.
 */
export async function askLanguage(bridge: Bridge | null): Promise<string | null> {
  try {
    const state = await bridge?.getLanguage({ browserLanguages: browserLanguages() })
    return state?.ok ? state.value.language : null
  } catch {
    return null
  }
}
