import type { ShellApp } from './electron-types'

/**
 * The app's languages, most wanted first: Chromium's locale for the app (app.getLocale(), from the system's
 * settings), then the user's other preferred system languages. Read on every call, so a change in the system
 * settings applies without a restart where Electron follows it.
 */
export function appLanguages(
  app: Pick<ShellApp, 'getLocale' | 'getPreferredSystemLanguages'>,
): readonly string[] {
  return [app.getLocale(), ...app.getPreferredSystemLanguages()].filter((tag) => tag.length > 0)
}
