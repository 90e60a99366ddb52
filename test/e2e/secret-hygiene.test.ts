import { describe } from 'vitest'
import { hasChromium, requireTool } from '../helpers/require-tool'
import { requireDjango, startDjango } from '../servers/django'
import { defineSecretHygiene } from './secret-hygiene-suite'

/** Secret hygiene (secret-hygiene-suite.ts) against djoser and Django's pages, on the generation under test. */
const ready = requireTool('Chromium', hasChromium(), 'sudo apt-get install -y chromium') && requireDjango()

describe.runIf(ready).each(['djoser', 'django-forms'] as const)(
  'secret hygiene against real Django (%s)',
  (kind) => defineSecretHygiene({ kind, start: () => startDjango({ linkScheme: 'accountdesk' }) }),
)
