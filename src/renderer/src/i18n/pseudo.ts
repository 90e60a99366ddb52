/**
 * Pseudo-locales for finding what was missed, not for users:
 *  - `en-XA`: every catalog string accented, about 30 % longer and bracketed ⟦…⟧, so a string that did not come
 *    from a catalog stands out (plain ASCII), and so does a layout that breaks when words grow;
 *  - `ar-XB`: the same text laid out right to left (`<html dir="rtl">` and right-to-left runs), to see the mirrored
 *    layout with text that can still be read.
 * Both are made from the English catalogs at run time (no files to keep in step). Interpolations `{{x}}`, nesting
 * `$t(…)` and the tags of react-i18next's `<Trans>` stay as they are; keys (with their plural suffixes) too.
 */

export const PSEUDO_LOCALES = { 'en-XA': { rtl: false }, 'ar-XB': { rtl: true } } as const
export type PseudoLocale = keyof typeof PSEUDO_LOCALES

export function isPseudoLocale(value: string | null | undefined): value is PseudoLocale {
  return value != null && Object.hasOwn(PSEUDO_LOCALES, value)
}

export const PSEUDO_OPEN = '⟦'
export const PSEUDO_CLOSE = '⟧'
/** Right-to-left override … pop directional formatting: Latin letters between them run right to left. */
const RLO = '\u202e'
const PDF = '\u202c'

const ACCENTED: Record<string, string> = Object.fromEntries(
  [
    ...'aàbƀcçdðeéfƒgĝhĥiîjĵkķlļmɱnñoöpþqǫrŕsštţuûvṽwŵxẋyýzž',
    ...'AÅBƁCÇDÐEÉFƑGĜHĤIÎJĴKĶLĻMṀNÑOÖPÞQǪRŔSŠTŢUÛVṼWŴXẊYÝZŽ',
  ].flatMap((_, i, all) => (i % 2 === 0 ? [[all[i], all[i + 1]]] : [])),
)

/** Words that make a string about 30 % longer (at least two letters), as translations often are. */
const FILLER = 'ŀöŕéɱ îþšûɱ ðöļöŕ šîţ åɱéţ çöñšéçţéţûŕ åðîþîšçîñĝ éļîţ šéð ðö éîûšɱöð ţéɱþöŕ'.split(' ')

/** Filler words with `count` letters in all (the last word cut to fit). */
function fillerOf(count: number): string {
  const words: string[] = []
  for (let left = count, i = 0; left > 0; i++) {
    const word = FILLER[i % FILLER.length] ?? ''
    words.push(word.slice(0, left))
    left -= word.length
  }
  return words.join(' ')
}

/** `{{value}}`, `$t(key)` (one level of parentheses inside), and `<tag>`, `</tag>`, `<1/>`: left untouched. */
const PROTECTED = /(\{\{[^}]*\}\}|\$t\((?:[^()]|\([^()]*\))*\)|<\/?[A-Za-z0-9]+\s*\/?>)/

export interface PseudoOptions {
  rtl?: boolean
  /**
   * The plural categories the pseudo-locale's language has (Intl.PluralRules), filled from `_other` where English
   * has no such form; `ar-XB` has six.
   */
  pluralCategories?: readonly string[]
}

/** One catalog string in the pseudo-locale. */
export function pseudoLocalizeString(text: string, options: PseudoOptions = {}): string {
  const parts = text.split(PROTECTED)
  let letters = 0
  const out = parts.map((part, i) => {
    if (i % 2 === 1) return part
    letters += part.replace(/[^\p{L}]/gu, '').length
    const accented = [...part].map((ch) => ACCENTED[ch] ?? ch).join('')
    return options.rtl && /\p{L}/u.test(part) ? `${RLO}${accented}${PDF}` : accented
  })
  const filler = fillerOf(Math.max(2, Math.ceil(letters * 0.3)))
  const padding = options.rtl ? `${RLO}${filler}${PDF}` : filler
  return `${PSEUDO_OPEN}${out.join('')} ${padding}${PSEUDO_CLOSE}`
}

export type Catalog = { [key: string]: string | Catalog }

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/

/** A whole catalog (nested keys, i18next JSON v4) in the pseudo-locale: same keys, every string pseudo-localized. */
export function pseudoLocalize(catalog: Catalog, options: PseudoOptions = {}): Catalog {
  const out: Catalog = {}
  for (const [key, value] of Object.entries(catalog)) {
    out[key] =
      typeof value === 'string' ? pseudoLocalizeString(value, options) : pseudoLocalize(value, options)
  }
  for (const [key, value] of Object.entries(catalog)) {
    const base = key.endsWith('_other') && typeof value === 'string' ? key.slice(0, -'_other'.length) : null
    if (base === null || PLURAL_SUFFIX.test(base)) continue
    for (const category of options.pluralCategories ?? []) {
      out[`${base}_${category}`] ??= out[key] ?? ''
    }
  }
  return out
}

/** The part of i18next this module uses (an i18next instance has it). */
export interface PseudoTarget {
  getResourceBundle(language: string, namespace: string): unknown
  addResourceBundle(
    language: string,
    namespace: string,
    resources: Catalog,
    deep?: boolean,
    overwrite?: boolean,
  ): unknown
}

const isCatalog = (value: unknown): value is Catalog =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Adds a pseudo-locale's catalogs to i18next, made from the English ones already loaded (load English first).
 * `initI18n` calls it when it is asked for a pseudo-locale.
 */
export function addPseudoLocale(
  i18n: PseudoTarget,
  locale: PseudoLocale,
  namespaces: readonly string[],
  source = 'en',
): void {
  const pluralCategories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories
  for (const namespace of namespaces) {
    const english = i18n.getResourceBundle(source, namespace)
    if (!isCatalog(english)) continue
    const catalog = pseudoLocalize(english, { rtl: PSEUDO_LOCALES[locale].rtl, pluralCategories })
    i18n.addResourceBundle(locale, namespace, catalog, true, true)
  }
}

/**
 * The pseudo-locale a developer asked for: in the page's address (`?pseudo=en-XA` or `?pseudo=ar-XB`, the browser
 * shell), else in `VITE_PSEUDO_LOCALE` when the renderer was built or served (`npm run dev`); or null.
 */
export function pseudoLocaleAsked(search: string, built?: string): PseudoLocale | null {
  const asked = new URLSearchParams(search).get('pseudo') ?? built
  return isPseudoLocale(asked) ? asked : null
}
