import { readFileSync } from 'node:fs'
import path from 'node:path'

/** The renderer's catalogs, read as files (for tests outside the renderer: unit, e2e). */
const LOCALES = path.resolve(__dirname, '../../src/renderer/src/i18n/locales')

export function catalog(language: string, namespace = 'common'): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(LOCALES, language, `${namespace}.json`), 'utf8')) as Record<
    string,
    unknown
  >
}

/** The words of a dotted key ("kinds.djoser.label") in a language's catalog; throws when it has none. */
export function words(language: string, key: string, namespace = 'common'): string {
  let node: unknown = catalog(language, namespace)
  for (const part of key.split('.'))
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined
  if (typeof node !== 'string') throw new Error(`${language}/${namespace}.json has no words for ${key}`)
  return node
}
