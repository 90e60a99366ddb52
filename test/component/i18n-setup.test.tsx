import { describe, expect, it } from 'vitest'
import { i18n, initI18n, NAMESPACES } from '../../src/renderer/src/i18n'

describe('i18n start-up', () => {
  it('starts in the first supported language of the list, its region ignored, and marks the document', async () => {
    await initI18n(['fr-FR', 'de-AT', 'en'])
    expect(i18n.language).toBe('de')
    expect(document.documentElement.lang).toBe('de')
    expect(document.documentElement.dir).toBe('ltr')
    expect(i18n.t('app.noScreens')).toMatch(/Ansichten/)
  })

  it('falls back to English when no language of the list is supported', async () => {
    await initI18n(['fr', 'ja'])
    expect(i18n.language).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(i18n.t('app.noScreens')).toBe('Account Desk could not load its screens. Restart the app.')
  })

  it('knows the common namespace from the catalog files', () => {
    expect(NAMESPACES).toContain('common')
  })
})
