import { describe } from 'vitest'
import { hasChromium, requireTool } from '../helpers/require-tool'
import { requireDjango, startDjango } from '../servers/django'
import { defineFlows, SCHEME } from './flows-suite'

/**
 * The screens end to end against the real Django server with djoser: the built renderer in Debian's Chromium,
 * through the browser shell (the same main-process services). Links are read from the mail Django wrote and handed
 * to the app the way the OS would (a second launch with the link). Every screen is photographed at both window
 * sizes in light and dark (test-results/screenshots) and checked with axe in both schemes: the full set of the
 * app's screens is taken here, once.
 */
const ready = requireTool('Chromium', hasChromium(), 'sudo apt-get install -y chromium') && requireDjango()

describe.runIf(ready)('the screens against real Django (djoser)', () =>
  defineFlows({
    kind: 'djoser',
    start: () => startDjango({ linkScheme: SCHEME }),
    link: 'open',
    photograph: 'full',
  }),
)
