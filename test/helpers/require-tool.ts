import { existsSync } from 'node:fs'
import path from 'node:path'
import { CHROMIUM_PATH } from './chromium.mjs'
import { toolsRequired } from './tools-required'

/**
 * Tests that need something outside npm (Chromium, Django, the build output) call this. When tools are required
 * a missing one fails loudly; on a developer's `npx vitest` the tests are skipped with the install command.
 */
export function requireTool(what: string, present: boolean, install: string): boolean {
  if (present) return true
  const message = `${what} is missing. Get it with: ${install}`
  if (toolsRequired()) throw new Error(message)
  console.warn(`SKIPPED: ${message}`)
  return false
}

export const hasChromium = (): boolean => existsSync(CHROMIUM_PATH)

/** The build output the CSP and bundle checks and the e2e tests read (`npm run build`). */
export const hasBuild = (): boolean => existsSync(path.resolve('out/renderer/index.html'))
