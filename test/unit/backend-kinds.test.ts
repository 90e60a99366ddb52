import { describe, expect, test } from 'vitest'
import { createBackend } from '../../src/main/backends'
import { silentLogger } from '../../src/main/log'
import { describeOtherSessions } from '../../src/main/services/other-sessions'
import { summarize } from '../../src/main/services/server-registry'
import { BACKEND_KINDS, findBackendKind } from '../../src/shared/backend-kinds'
import { SUPPORTED_LANGUAGES } from '../../src/shared/language'
import { words } from '../helpers/catalog'
import { backendKindSchema, serverProfileSchema, type ServerProfile } from '../../src/shared/profile'

const noFetch: typeof fetch = async () => {
  throw new Error('no network in this test')
}
const deps = { fetch: noFetch, logger: silentLogger }
const parse = (kind: string) =>
  serverProfileSchema.safeParse({ id: 'a', displayName: 'A', baseUrl: 'https://accounts.example.com', kind })

describe('backend kinds: one registry', () => {
  test('the profile schema accepts exactly the kinds in the registry', () => {
    expect(backendKindSchema.options).toEqual(BACKEND_KINDS.map((k) => k.id))
    for (const kind of ['keycloak', 'Allauth', 'Djoser', 'django_forms', '', 'constructor', '__proto__'])
      expect(parse(kind).success, kind).toBe(false)
  })

  test("each kind's description reaches the adapter, the profile defaults and the server summary", () => {
    for (const info of BACKEND_KINDS) {
      const parsed = parse(info.id)
      if (!parsed.success) throw new Error(`${info.id} did not parse`)
      const profile = parsed.data
      expect(profile.prefix).toBe(info.defaults.prefix)
      expect(profile.confirmPath).toBe(info.defaults.confirmPath.replace(/^\//, ''))
      const backend = createBackend(profile, deps)
      expect(backend.kind).toBe(info.id)
      expect(backend.canCheckLink).toBe(info.canCheckLink)
      const summary = summarize({ profile, source: 'user', locked: false })
      expect(summary).toMatchObject({ kind: info.id, canCheckLink: info.canCheckLink })
      // What people read: worded in every language, and in English without the software's names.
      expect(words('en', info.labelKey)).not.toMatch(/djoser|REST|API/)
      for (const language of SUPPORTED_LANGUAGES)
        for (const key of [info.labelKey, info.hintKey])
          expect(words(language, key), `${language} ${key}`).toMatch(/\S/)
    }
  })

  test('an unknown kind is refused at run time, never spoken to as another kind', () => {
    const parsed = parse('djoser')
    if (!parsed.success) throw new Error('did not parse')
    for (const kind of ['keycloak', 'toString', 'constructor', '__proto__', '']) {
      const stranger = { ...parsed.data, kind } as unknown as ServerProfile
      expect(() => createBackend(stranger, deps), kind).toThrow(/cannot speak to a server of kind/)
      expect(findBackendKind(kind), kind).toBeUndefined()
    }
  })

  test('an unknown kind is a type error', () => {
    const parsed = parse('djoser')
    if (!parsed.success) throw new Error('did not parse')
    // @ts-expect-error 'keycloak' is not in the registry: the call must not compile.
    expect(() => createBackend({ ...parsed.data, kind: 'keycloak' }, deps)).toThrow()
  })

  test('what is said of other sessions follows the kind: one shared sign-in or not', () => {
    expect(describeOtherSessions('may-remain', 'reset', 'djoser')).toEqual({
      code: 'sessions.reset-may-remain',
      endsAll: true,
    })
    expect(describeOtherSessions('may-remain', 'reset', 'django-forms')).toEqual({
      code: 'sessions.reset-may-remain',
      endsAll: false,
    })
    // …which the renderer words as one sign-out for all, or each on its own.
    const said = (way: string) => words('en', `message.sessions.reset-may-remain.${way}`, 'errors')
    expect(said('ends-all')).toMatch(/signs the account out everywhere at once/)
    expect(said('each')).toMatch(/ask your IT team/)
  })
})
