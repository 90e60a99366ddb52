import { describe } from 'vitest'
import { hasChromium, requireTool } from '../helpers/require-tool'
import { ALLAUTH_LABEL, requireAllauth, startDjango } from '../servers/django'
import { defineFlows, SCHEME } from './flows-suite'

/**
 * The flows (a)–(e) against django-allauth's headless API (the `allauth` kind): people sign in by username, the
 * reset mail links to the app (HEADLESS_FRONTEND_URLS, docs/reset-links.md). The screens are those of
 * flows-djoser.test.ts, photographed there.
 */
const ready = requireTool('Chromium', hasChromium(), 'sudo apt-get install -y chromium') && requireAllauth()

describe.runIf(ready)(`the screens against ${ALLAUTH_LABEL} (headless API)`, () =>
  defineFlows({
    kind: 'allauth',
    start: () => startDjango({ allauth: 'username', linkScheme: SCHEME }),
    link: 'open',
    photograph: false,
  }),
)
