import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { checkCatalogs, scanSources } from '../../scripts/check-catalogs.mjs'

const made: string[] = []
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

/** A project in a temp folder: catalogs per language and namespace, and source files. */
function project(catalogs: Record<string, Record<string, object>>, sources: Record<string, string>) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'catalogs-'))
  made.push(root)
  for (const [language, namespaces] of Object.entries(catalogs)) {
    mkdirSync(path.join(root, 'locales', language), { recursive: true })
    for (const [namespace, catalog] of Object.entries(namespaces))
      writeFileSync(path.join(root, 'locales', language, `${namespace}.json`), JSON.stringify(catalog))
  }
  mkdirSync(path.join(root, 'src'))
  for (const [file, text] of Object.entries(sources)) writeFileSync(path.join(root, 'src', file), text)
  return { locales: path.join(root, 'locales'), sources: [path.join(root, 'src')] }
}

const SCREEN = `
import { useTranslation, Trans } from 'react-i18next'
export function Screen({ n, kind }: { n: number; kind: string }) {
  const { t } = useTranslation('common')
  return <p title={t('screen.title')}>{t('screen.count', { count: n })} {t(\`kinds.\${kind}.label\`)}
    <Trans i18nKey="screen.more" t={t} /></p>
}
export function Failure({ code }: { code: string }) {
  const { t } = useTranslation(['errors', 'common'])
  return <p>{t('offline')} {t('common:screen.title')}</p>
}
const WORDING = { late: 'status.late' } as const
`
/** Helpers handed a `t`: its namespace from its type, directly or through an alias declared in another file. */
const WORDS = `
import type { TFunction } from 'i18next'
export type ErrorsT = TFunction<'errors'>
export const offline = (t: TFunction<'errors'>) => t('offline')
`
const TITLES = `
import type { ErrorsT } from './words'
export const title = (t: ErrorsT, kind: string) => t(\`titles.\${kind}\`)
`

const FILES = { 'Screen.tsx': SCREEN, 'words.ts': WORDS, 'titles.ts': TITLES }

const en = {
  common: {
    screen: {
      title: 'Your accounts',
      count_one: 'one account',
      count_other: '{{count}} accounts',
      more: 'See <1>the guide</1> on {{host}}',
    },
    kinds: { a: { label: 'A' }, b: { label: 'B $t(status.late)' } },
    status: { late: 'late' },
  },
  errors: { offline: 'No connection to {{host}}.', titles: { offline: 'Offline' } },
}
const de = {
  common: {
    screen: {
      title: 'Ihre Konten',
      count_one: 'ein Konto',
      count_other: '{{count}} Konten',
      more: 'Siehe <1>die Anleitung</1> auf {{host}}',
    },
    kinds: { a: { label: 'A' }, b: { label: 'B $t(status.late)' } },
    status: { late: 'spät' },
  },
  errors: { offline: 'Keine Verbindung zu {{host}}.', titles: { offline: 'Offline' } },
}

describe('the catalog check', () => {
  test('complete, consistent, all used: no problem (t(), <Trans i18nKey>, templates, literals, $t nesting)', () => {
    expect(checkCatalogs(project({ en, de }, FILES))).toEqual([])
  })

  test('the namespace of a key: its prefix, else the type of `t`, else the enclosing useTranslation, else the default', () => {
    const scan = scanSources(project({ en }, FILES).sources)
    expect(scan.keys.map((k) => k.key)).toEqual([
      'common:screen.title',
      'common:screen.count',
      'common:screen.more',
      'errors:offline',
      'common:screen.title',
      'errors:offline',
    ])
    expect(scan.patterns.map(String)).toEqual(['/^common:kinds\\..+\\.label$/', '/^errors:titles\\..+$/'])
    expect(scan.keys[3]?.where).toMatch(/Screen\.tsx:10$/)
  })

  test('a key one language lacks', () => {
    const lacking = { ...de, errors: { titles: de.errors.titles } }
    expect(checkCatalogs(project({ en, de: lacking }, FILES))).toEqual([
      'de: missing errors:offline (en has it)',
    ])
  })

  test('a plural without a form the language needs (Intl.PluralRules), in each language', () => {
    const one = { ...de, common: { ...de.common, screen: { ...de.common.screen, count_other: undefined } } }
    expect(checkCatalogs(project({ en, de: one }, FILES))).toEqual([
      'de: common:screen.count lacks the plural form(s) other',
    ])
    // Polish needs one, few, many and other.
    const pl = { common: { screen: { count_one: 'jedno konto', count_other: '{{count}} konta' } } }
    const problems = checkCatalogs(project({ en: { common: en.common }, pl }, FILES))
    expect(problems).toContain('pl: common:screen.count lacks the plural form(s) few, many')
  })

  test('placeholders, nesting and <Trans> tags that differ between languages', () => {
    const other = {
      ...de,
      common: { ...de.common, screen: { ...de.common.screen, more: 'Siehe die Anleitung auf {{server}}' } },
      errors: { ...de.errors, offline: 'Keine Verbindung.' },
    }
    expect(checkCatalogs(project({ en, de: other }, FILES))).toEqual([
      'common:screen.more: placeholders differ — de [{{server}}], en [</1> <1> {{host}}]',
      'errors:offline: placeholders differ — de [], en [{{host}}]',
    ])
  })

  test('a key the code asks for that is in no catalog; a key nothing uses', () => {
    const code = `${SCREEN}\nexport const late = (t: (k: string) => string) => t('status.early')\n`
    const unused = { ...en, errors: { ...en.errors, gone: 'Gone.' } }
    const deUnused = { ...de, errors: { ...de.errors, gone: 'Weg.' } }
    expect(checkCatalogs(project({ en: unused, de: deUnused }, { ...FILES, 'Screen.tsx': code }))).toEqual([
      expect.stringMatching(/Screen\.tsx:14: common:status\.early is not in the catalogs$/),
      'errors:gone is not used by the code',
    ])
  })
})

describe("the app's catalogs", () => {
  test('every language complete and consistent, every key used, every key used there', () => {
    expect(checkCatalogs()).toEqual([])
  })
})
