// Headless Chromium as every browser test and the bench launch it: Debian's /usr/bin/chromium (CHROMIUM_PATH to
// change it) through playwright-core, with the flags that work as root on a machine with no outside network, and
// a fresh, empty profile per launch (Playwright makes one). Plain JS so the .mjs bench can use it too.
import { chromium } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** The window size screenshots and timings use. */
export const VIEWPORT = { width: 1000, height: 760 }

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS })
}
