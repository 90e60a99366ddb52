import i18next, { type i18n as I18n, type ResourceLanguage } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { FALLBACK_LANGUAGE, pickLanguage } from '../../../shared/language'
import { addPseudoLocale, isPseudoLocale } from './pseudo'

export { SUPPORTED_LANGUAGES, type SupportedLanguage } from '../../../shared/language'

/** Every catalog, one lazy chunk per language and namespace: only the active language's are fetched. */
const catalogs = import.meta.glob<{ default: ResourceLanguage }>('./locales/*/*.json')

/** The namespaces there are catalogs for (`common`, `errors`, …), read from the file names. */
export const NAMESPACES = [
  ...new Set(Object.keys(catalogs).map((path) => path.replace(/^.*\/([^/]+)\.json$/, '$1'))),
].sort()

/** The app's one i18next instance: React components reach it through `useTranslation(namespace)`. */
export const i18n: I18n = i18next.createInstance()

/** Loads a language's catalogs into the instance (once; later calls find them there). */
export async function loadLanguage(language: string): Promise<void> {
  if (isPseudoLocale(language)) {
    // A developer's pseudo-locale (pseudo.ts): made from the English catalogs.
    await loadLanguage(FALLBACK_LANGUAGE)
    addPseudoLocale(i18n, language, NAMESPACES, FALLBACK_LANGUAGE)
    return
  }
  const prefix = `./locales/${language}/`
  const entries = Object.entries(catalogs).filter(([path]) => path.startsWith(prefix))
  await Promise.all(
    entries.map(async ([path, load]) => {
      const namespace = path.slice(prefix.length, -'.json'.length)
      if (i18n.hasResourceBundle(language, namespace)) return
      const catalog = (await load()).default
      i18n.addResourceBundle(language, namespace, catalog, true, true)
    }),
  )
}

function markDocument(language: string): void {
  document.documentElement.lang = language
  document.documentElement.dir = i18n.dir(language)
}

/**
 * Starts i18n in the first supported language of `languages` (English when none is), with that language's catalogs
 * loaded: resolve it before the first render. Sets `<html lang>` and `<html dir>`, and keeps them in step when the
 * language changes. A pseudo-locale (`en-XA`, `ar-XB`: pseudo.ts) first in the list is taken as it is.
 */
export async function initI18n(languages: readonly string[]): Promise<void> {
  const first = languages[0]
  const language = isPseudoLocale(first) ? first : pickLanguage(languages)
  if (!i18n.isInitialized) {
    await i18n.use(initReactI18next).init({
      resources: {},
      partialBundledLanguages: true,
      lng: language,
      fallbackLng: FALLBACK_LANGUAGE,
      ns: NAMESPACES,
      defaultNS: 'common',
      interpolation: { escapeValue: false },
    })
    // "Show {{field, lowercase}}": a label inside a sentence, where the language wants it in lower case.
    i18n.services.formatter?.add('lowercase', (value: unknown, language) =>
      String(value).toLocaleLowerCase(language),
    )
    i18n.on('languageChanged', markDocument)
  }
  await switchLanguage(language)
  markDocument(language)
}

/** Switches the app to another language, its catalogs loaded first so no screen shows keys meanwhile. */
export async function switchLanguage(language: string): Promise<void> {
  await loadLanguage(language)
  await i18n.changeLanguage(language)
}
