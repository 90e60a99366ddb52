// Headless Chromium exactly as the end-to-end tests launch it (test/helpers/chromium.mjs), failing with the
// install command when it is missing.
import { existsSync } from 'node:fs'
import { CHROMIUM_PATH, launchChromium as launch, VIEWPORT } from '../../test/helpers/chromium.mjs'

export { VIEWPORT }

export async function launchChromium() {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium`)
  return launch()
}
