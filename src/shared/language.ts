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

/** The first supported language of a list in order of preference; null when none is. */
function firstSupportedLanguage(preferred: readonly string[]): SupportedLanguage | null {
  for (const tag of preferred) {
    const language = supportedLanguageOf(tag)
    if (language) return language
  }
  return null
}

/** The first supported language of a list in order of preference; English when none is. */
export function pickLanguage(preferred: readonly string[]): SupportedLanguage {
  return firstSupportedLanguage(preferred) ?? FALLBACK_LANGUAGE
}

/** What the user can choose in the app: follow the system, or one language. */
export const LANGUAGE_CHOICES = ['system', ...SUPPORTED_LANGUAGES] as const
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number]

/** Where the language in use comes from, strongest first. */
export type LanguageSource = 'policy' | 'choice' | 'system' | 'fallback'

/**
 * The language the app speaks: the managed policy's when it pins one, else the user's choice, else the first
 * supported language of the system's (region ignored: de-AT speaks `de`), else English.
 */
export function resolveLanguage(input: {
  pinned: SupportedLanguage | null
  choice: LanguageChoice
  system: readonly string[]
}): { language: SupportedLanguage; source: LanguageSource } {
  if (input.pinned) return { language: input.pinned, source: 'policy' }
  if (input.choice !== 'system') return { language: input.choice, source: 'choice' }
  const fromSystem = firstSupportedLanguage(input.system)
  return fromSystem
    ? { language: fromSystem, source: 'system' }
    : { language: FALLBACK_LANGUAGE, source: 'fallback' }
}

/**
 * The languages servers are asked for, most wanted first: the app's language, led by the system's own tags for it
 * (de-AT before de, so a server with Austrian German gives it), then the system's other languages as fallbacks.
 */
export function serverLanguages(language: SupportedLanguage, system: readonly string[]): string[] {
  const same = system.filter((tag) => supportedLanguageOf(tag) === language)
  const others = system.filter((tag) => supportedLanguageOf(tag) !== language)
  return [...same, language, ...others]
}
