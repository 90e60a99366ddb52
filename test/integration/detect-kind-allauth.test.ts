import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { detectKind } from '../../src/main/backends/detect-kind'
import { silentLogger } from '../../src/main/log'
import { ALLAUTH_LABEL, requireAllauth, startDjango, type DjangoServer } from '../servers/django'

/**
 * Add server's check against real django-allauth 65 in its three test settings (username login, e-mail login,
 * HTML views only). The test server also mounts djoser and Django's reset page beside allauth, so each finding
 * comes in the check's order: allauth's API, djoser, allauth's pages.
 */
const available = requireAllauth()
/** The check's own deadline is a few seconds; a loaded test machine gets more so a slow answer is not a miss. */
const TIMEOUT_MS = 20_000

describe.runIf(available)(`Add server finds django-allauth (${ALLAUTH_LABEL})`, () => {
  let byUsername: DjangoServer
  let byEmail: DjangoServer
  let htmlOnly: DjangoServer

  beforeAll(async () => {
    ;[byUsername, byEmail, htmlOnly] = await Promise.all([
      startDjango({ allauth: 'username' }),
      startDjango({ allauth: 'email' }),
      startDjango({ allauth: 'html' }),
    ])
  })
  afterAll(async () => {
    await Promise.all([byUsername?.stop(), byEmail?.stop(), htmlOnly?.stop()])
  })

  const detect = (server: DjangoServer) =>
    detectKind(server.baseUrl, { fetch, logger: silentLogger, timeoutMs: TIMEOUT_MS })

  test('e-mail login: the headless API first (kind allauth, by e-mail), its pages named too', async () => {
    const result = await detect(byEmail)
    if (!result.ok) throw new Error(result.error.message.code)
    expect(result.value.found.map((f) => f.software)).toEqual(['allauth-headless', 'djoser', 'allauth-html'])
    expect(result.value.found[0]).toEqual({ software: 'allauth-headless', kind: 'allauth', signIn: 'email' })
    expect(result.value.found[2]).toMatchObject({ software: 'allauth-html', signIn: 'email' })
  })

  test('username login: allauth’s config and its login page both say username', async () => {
    const result = await detect(byUsername)
    if (!result.ok) throw new Error(result.error.message.code)
    expect(result.value.found[0]).toEqual({
      software: 'allauth-headless',
      kind: 'allauth',
      signIn: 'username',
    })
    expect(result.value.found.find((f) => f.software === 'allauth-html')).toMatchObject({
      signIn: 'username',
    })
  })

  test('headless off: no allauth API, allauth’s pages recognised by their `login` field', async () => {
    const result = await detect(htmlOnly)
    if (!result.ok) throw new Error(result.error.message.code)
    expect(result.value.found.map((f) => f.software)).toEqual(['djoser', 'allauth-html'])
    // A kind the app speaks: Add server can add it as allauth's pages (chosen by hand here, beside djoser).
    expect(result.value.found[1]).toEqual({
      software: 'allauth-html',
      kind: 'allauth-html',
      signIn: 'username',
    })
  })
})
