import i18next, { type i18n as I18n, type ResourceLanguage } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { FALLBACK_LANGUAGE, pickLanguage } from '../../../shared/language'
import { addPseudoLocale, isPseudoLocale } from './pseudo'

export { SUPPORTED_LANGUAGES, type SupportedLanguage } from '../../../shared/language'

const namespaceOf = (path: string) => path.replace(/^.*\/([^/]+)\.json$/, '$1')

/**
 * English, the fallback language, is in the bundle: the first screen never waits for a catalog to be fetched, and
 * i18n starts at once with it in hand. Other languages load when they are asked for (`lazyCatalogs`).
 */
const english: ResourceLanguage = Object.fromEntries(
  Object.entries(
    import.meta.glob<ResourceLanguage>('./locales/en/*.json', { eager: true, import: 'default' }),
  ).map(([path, catalog]) => [namespaceOf(path), catalog]),
)

/** The other languages' catalogs, one lazy chunk per language and namespace: only the active language's are fetched. */
const lazyCatalogs = import.meta.glob<ResourceLanguage>(['./locales/*/*.json', '!./locales/en/*.json'], {
  import: 'default',
})

/** The namespaces there are catalogs for (`common`, `errors`, …), read from the file names. */
export const NAMESPACES = [
  ...new Set([...Object.keys(english), ...Object.keys(lazyCatalogs).map(namespaceOf)]),
].sort()

/** The app's one i18next instance: React components reach it through `useTranslation(namespace)`. */
export const i18n: I18n = i18next.createInstance()

/** Loads a language's catalogs into the instance (once; later calls find them there; English is always there). */
export async function loadLanguage(language: string): Promise<void> {
  if (isPseudoLocale(language)) {
    // A developer's pseudo-locale (pseudo.ts): made from the English catalogs.
    addPseudoLocale(i18n, language, NAMESPACES, FALLBACK_LANGUAGE)
    return
  }
  const prefix = `./locales/${language}/`
  const entries = Object.entries(lazyCatalogs).filter(([path]) => path.startsWith(prefix))
  await Promise.all(
    entries.map(async ([path, load]) => {
      const namespace = namespaceOf(path)
      if (i18n.hasResourceBundle(language, namespace)) return
      i18n.addResourceBundle(language, namespace, await load(), true, true)
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
    // Synchronous (initAsync: false): the English resources are in hand, there is nothing to wait for.
    void i18n.use(initReactI18next).init({
      resources: { [FALLBACK_LANGUAGE]: english },
      partialBundledLanguages: true,
      initAsync: false,
      lng: FALLBACK_LANGUAGE,
      fallbackLng: FALLBACK_LANGUAGE,
      ns: NAMESPACES,
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      // Every screen renders with its language's catalogs already loaded (switchLanguage loads them first).
      react: { useSuspense: false },
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
