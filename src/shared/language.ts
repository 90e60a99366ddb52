/**
 * The languages the app speaks, and how a list of preferred languages (the OS's, the browser's) picks one of them.
 * Shared: main sends the picked language to servers (Accept-Language), the renderer words its screens in it.
 */
export const SUPPORTED_LANGUAGES = ['en', 'de'] as const
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number]

export const FALLBACK_LANGUAGE: SupportedLanguage = 'en'

export function isSupportedLanguage(value: string): value is SupportedLanguage {
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(value)
}

/** The supported language a BCP 47 tag asks for, region and script ignored ("de-AT", "de_CH" → "de"); else null. */
export function supportedLanguageOf(tag: string): SupportedLanguage | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? ''
  return isSupportedLanguage(primary) ? primary : null
}

/** The first supported language of a list in order of preference; English when none is. */
export function pickLanguage(preferred: readonly string[]): SupportedLanguage {
  for (const tag of preferred) {
    const language = supportedLanguageOf(tag)
    if (language) return language
  }
  return FALLBACK_LANGUAGE
}
