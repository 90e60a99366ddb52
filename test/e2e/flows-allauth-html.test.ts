import { describe } from 'vitest'
import { hasChromium, requireTool } from '../helpers/require-tool'
import { ALLAUTH_LABEL, requireAllauth, startDjango } from '../servers/django'
import { defineFlows } from './flows-suite'

/**
 * The flows (a)–(e) against django-allauth's HTML pages without its headless API (the `allauth-html` kind): the
 * reset mail links to allauth's own key page, which people paste into the app. The screens are those of
 * flows-djoser.test.ts, photographed there.
 */
const ready = requireTool('Chromium', hasChromium(), 'sudo apt-get install -y chromium') && requireAllauth()

describe.runIf(ready)(`the screens against ${ALLAUTH_LABEL} (its pages)`, () =>
  defineFlows({
    kind: 'allauth-html',
    start: () => startDjango({ allauth: 'html' }),
    link: 'paste',
    photograph: false,
  }),
)
