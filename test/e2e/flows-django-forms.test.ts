import { describe } from 'vitest'
import { hasChromium, requireTool } from '../helpers/require-tool'
import { requireDjango, startDjango } from '../servers/django'
import { defineFlows, SCHEME } from './flows-suite'

/**
 * The screens end to end against the real Django server's own pages (the `django-forms` kind), on the oldest Django
 * generation and on the newest (their pages and messages change between versions). The screens are those of
 * flows-djoser.test.ts with Django's words in them: each is photographed once, in light at the usual window size,
 * and checked with axe there.
 */
const ready = requireTool('Chromium', hasChromium(), 'sudo apt-get install -y chromium') && requireDjango()

describe.runIf(ready)('the screens against real Django (django-forms)', () =>
  defineFlows({
    kind: 'django-forms',
    start: () => startDjango({ linkScheme: SCHEME }),
    link: 'open',
    photograph: 'once',
  }),
)
