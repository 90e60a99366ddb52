import type { ShellApp } from './electron-types'

/**
 * The system's languages, most wanted first: Chromium's locale for the app (app.getLocale(), from the system's
 * settings), then the user's preferred system languages. Electron documents getPreferredSystemLanguages() as "the
 * user's preferred system languages from most preferred to least preferred, including the country codes if
 * applicable" (BCP 47 tags such as 'fr-CA', 'zh-Hans-CN', 'fi', 'es-419'; from GlobalizationPreferences on Windows,
 * NSLocale preferredLanguages on macOS, g_get_language_names on Linux):
 * https://www.electronjs.org/docs/latest/api/app#appgetpreferredsystemlanguages
 * The app's language is resolved from these (src/shared/language.ts: region ignored, POSIX `de_AT` read too).
 * Read on every call, so a change in the system settings applies without a restart where Electron follows it.
 */
export function appLanguages(
  app: Pick<ShellApp, 'getLocale' | 'getPreferredSystemLanguages'>,
): readonly string[] {
  return [app.getLocale(), ...app.getPreferredSystemLanguages()].filter((tag) => tag.length > 0)
}
