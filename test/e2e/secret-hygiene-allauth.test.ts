import { describe } from 'vitest'
import { hasChromium, requireTool } from '../helpers/require-tool'
import { ALLAUTH_LABEL, requireAllauth, startDjango } from '../servers/django'
import { defineSecretHygiene } from './secret-hygiene-suite'

/**
 * Secret hygiene (secret-hygiene-suite.ts) against django-allauth: its headless API (session tokens, reset keys in
 * a header and the app link of HEADLESS_FRONTEND_URLS) and its pages (session cookies, the key in allauth's page
 * link). No password, session token, session key or reset key in the log, the files, the page or the title.
 */
const ready = requireTool('Chromium', hasChromium(), 'sudo apt-get install -y chromium') && requireAllauth()

describe.runIf(ready)(`secret hygiene against ${ALLAUTH_LABEL} (headless API)`, () =>
  defineSecretHygiene({
    kind: 'allauth',
    start: () => startDjango({ allauth: 'username', linkScheme: 'accountdesk' }),
  }),
)

describe.runIf(ready)(`secret hygiene against ${ALLAUTH_LABEL} (its pages)`, () =>
  defineSecretHygiene({ kind: 'allauth-html', start: () => startDjango({ allauth: 'html' }) }),
)
