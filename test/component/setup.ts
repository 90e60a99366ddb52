import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach, beforeEach } from 'vitest'
import { initI18n } from '../../src/renderer/src/i18n'

// The screens are tested in English unless a test switches the language (and this puts English back).
await initI18n(['en'])
beforeEach(() => initI18n(['en']))
afterEach(() => cleanup())
