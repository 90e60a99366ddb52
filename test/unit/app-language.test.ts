import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { FetchLike } from '../../src/main/http/client'
import { parsePolicy } from '../../src/main/config/policy'
import type { ServiceDeps } from '../../src/main/services'
import {
  pickLanguage,
  resolveLanguage,
  serverLanguages,
  supportedLanguageOf,
} from '../../src/shared/language'
import { refusingFetch, startTestServices } from '../helpers/service-deps'

describe('which language the app speaks', () => {
  test('policy, then the user’s choice, then the system’s languages, then English', () => {
    const system = ['de-AT', 'en-GB']
    expect(resolveLanguage({ pinned: 'en', choice: 'de', system })).toEqual({
      language: 'en',
      source: 'policy',
    })
    expect(resolveLanguage({ pinned: null, choice: 'en', system })).toEqual({
      language: 'en',
      source: 'choice',
    })
    expect(resolveLanguage({ pinned: null, choice: 'system', system })).toEqual({
      language: 'de',
      source: 'system',
    })
    expect(resolveLanguage({ pinned: null, choice: 'system', system: ['fr-FR', 'ja'] })).toEqual({
      language: 'en',
      source: 'fallback',
    })
    expect(resolveLanguage({ pinned: null, choice: 'system', system: [] }).language).toBe('en')
  })

  test('the system’s first supported language wins, whatever its region or script, BCP 47 or POSIX', () => {
    for (const tag of ['de', 'de-AT', 'de-CH', 'DE-de', 'de_DE', 'de-Latn-DE', ' de-LI '])
      expect(supportedLanguageOf(tag), tag).toBe('de')
    for (const tag of ['', 'deu', 'fr-DE', 'x-de', 'C']) expect(supportedLanguageOf(tag), tag).toBeNull()
    expect(pickLanguage(['fr-CA', 'en-US', 'de-DE'])).toBe('en')
    expect(pickLanguage(['fr-CA', 'de_AT', 'en-US'])).toBe('de')
  })

  test('servers are asked for the app’s language first, led by the system’s own tags for it', () => {
    expect(serverLanguages('de', ['en-GB', 'de-AT', 'fr'])).toEqual(['de-AT', 'de', 'en-GB', 'fr'])
    expect(serverLanguages('en', ['de-AT', 'en-GB'])).toEqual(['en-GB', 'en', 'de-AT'])
    expect(serverLanguages('en', [])).toEqual(['en'])
  })

  test('the policy’s language is one the app speaks; anything else names the key', () => {
    const applied = parsePolicy({ language: 'de' }, '/etc/policy.json')
    expect(applied.ok && applied.policy.language).toBe('de')
    const none = parsePolicy({}, '/etc/policy.json')
    expect(none.ok && none.policy.language).toBeNull()
    for (const language of ['fr', 'de-AT', 'DE', 1, '']) {
      const refused = parsePolicy({ language }, '/etc/policy.json')
      expect(refused.ok, String(language)).toBe(false)
      expect(!refused.ok && refused.problems.join('\n')).toMatch(/language.*"en", "de"/)
    }
  })
})

describe('the app’s language in main: kept, pinned, and sent to every server', () => {
  let dataDir: string
  let headers: (string | null)[]
  /** Records each request's Accept-Language, then refuses the connection (no server is needed for that). */
  const recordingFetch: FetchLike = async (input, init) => {
    headers.push(new Request(input as RequestInfo, init).headers.get('accept-language'))
    return refusingFetch(input, init)
  }
  const start = (over: Partial<ServiceDeps> = {}) =>
    startTestServices(dataDir, { fetch: recordingFetch, languages: () => ['de-AT', 'en-GB'], ...over })
  /** The Accept-Language of a request to a server (Add server's check of an address). */
  const askServer = async (services: Awaited<ReturnType<typeof start>>) => {
    headers = []
    await services.handlers.detectServer({ baseUrl: 'https://accounts.example.com' })
    expect(headers.length).toBeGreaterThan(0)
    expect(new Set(headers).size).toBe(1)
    return headers[0]
  }
  const writePolicy = async (policy: object) => {
    const file = path.join(dataDir, 'policy.json')
    await writeFile(file, JSON.stringify(policy))
    return { sources: [], override: file, overrideAllowed: true }
  }

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'account-desk-language-'))
    headers = []
  })
  afterEach(() => rm(dataDir, { recursive: true, force: true }))

  test('a German system gets German, and servers are asked in it', async () => {
    const services = await start()
    expect(await services.handlers.getLanguage({ browserLanguages: ['en-US'] })).toEqual({
      ok: true,
      value: { language: 'de', choice: 'system', pinned: false, system: 'de' },
    })
    expect(await askServer(services)).toBe('de-AT, de;q=0.9, en-GB;q=0.8')
    await services.stop()
  })

  test('the user’s choice wins over the system, goes to servers at once, and is kept with the settings', async () => {
    const services = await start()
    expect(await services.handlers.setLanguage({ choice: 'en' })).toEqual({
      ok: true,
      value: { language: 'en', choice: 'en', pinned: false, system: 'de' },
    })
    expect(await askServer(services)).toBe('en-GB, en;q=0.9, de-AT;q=0.8')
    await services.stop()
    await expect
      .poll(async () => JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')))
      .toMatchObject({ version: 1, language: 'en', servers: [] })

    const again = await start()
    const state = await again.handlers.getLanguage({ browserLanguages: [] })
    expect(state.ok && state.value).toMatchObject({ language: 'en', choice: 'en' })
    await again.handlers.setLanguage({ choice: 'system' })
    expect(await askServer(again)).toBe('de-AT, de;q=0.9, en-GB;q=0.8')
    await again.stop()
  })

  test('a language pinned by the policy wins over the choice, and the choice cannot be changed', async () => {
    await writeFile(
      path.join(dataDir, 'settings.json'),
      JSON.stringify({ version: 1, servers: [], language: 'de' }),
    )
    const services = await start({
      languages: () => ['de-DE'],
      policy: await writePolicy({ language: 'en' }),
    })
    const state = await services.handlers.getLanguage({ browserLanguages: [] })
    expect(state.ok && state.value).toEqual({ language: 'en', choice: 'de', pinned: true, system: 'de' })
    const refused = await services.handlers.setLanguage({ choice: 'de' })
    expect(!refused.ok && refused.error.kind).toBe('policy')
    expect(await askServer(services)).toBe('en, de-DE;q=0.9')
    await services.stop()
  })

  test('the browser shell: the browser’s languages are the system’s; Electron asks the OS and ignores them', async () => {
    const shell = await start({ shell: 'browser-shell', languages: () => ['en-US'] })
    const before = await shell.handlers.getLanguage({ browserLanguages: [] })
    expect(before.ok && before.value.language).toBe('en')
    const after = await shell.handlers.getLanguage({ browserLanguages: ['de-CH', 'en'] })
    expect(after.ok && after.value).toMatchObject({ language: 'de', system: 'de' })
    expect(await askServer(shell)).toBe('de-CH, de;q=0.9, en;q=0.8')
    await shell.stop()

    const electron = await start({ shell: 'electron', languages: () => ['en-US'] })
    const state = await electron.handlers.getLanguage({ browserLanguages: ['de-CH'] })
    expect(state.ok && state.value.language).toBe('en')
    await electron.stop()
  })
})
