import { existsSync } from 'node:fs'
import { CHROMIUM_PATH } from './chromium.mjs'

/**
 * Tests that need something outside npm (Chromium, Django) call this. Under CI=true a missing tool fails the
 * run loudly; on a developer's machine the suite is skipped with the install command.
 */
export function requireTool(what: string, present: boolean, install: string): boolean {
  if (present) return true
  const message = `${what} is missing. Install it with: ${install}`
  if (process.env['CI'] === 'true') throw new Error(message)
  console.warn(`SKIPPED: ${message}`)
  return false
}

export const hasChromium = (): boolean => existsSync(CHROMIUM_PATH)
