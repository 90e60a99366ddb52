import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach, beforeEach } from 'vitest'
import { initI18n } from '../../src/renderer/src/i18n'

// findBy… and waitFor give up after 1 s by default: a render on a loaded 2-core machine can take longer (seen: a
// screen change after a fake bridge answer, under load 13). A wait that is met returns at once; only a failing
// one waits this long.
configure({ asyncUtilTimeout: 10_000 })

// The screens are tested in English unless a test switches the language (and this puts English back).
await initI18n(['en'])
beforeEach(() => initI18n(['en']))
afterEach(() => cleanup())
