import { rm } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Services } from '../../src/main/services'
import type { LinkEvent } from '../../src/shared/contract'
import { fakeSafeStorage } from '../helpers/fake-safe-storage'
import { dataDirWithServers, startTestServices } from '../helpers/service-deps'
import { requireDjango, startDjango, type DjangoServer } from '../servers/django'

/**
 * Two accounts on one server, both signed in; one of them resets its password through a mailed link. The reset
 * account's stored session is dropped (the server no longer honours it, or on djoser still would though the user
 * asked for a reset); the other account stays signed in.
 */
const available = requireDjango()

describe.runIf(available)('a reset drops the session of the account it was for', () => {
  let django: DjangoServer
  const PASSWORD = 'Quartz-Lantern-58'
  const RESET_PASSWORD = 'Velvet-Harbour-27'

  beforeAll(async () => {
    django = await startDjango({ linkScheme: 'accountdesk' })
    for (const kind of ['djoser', 'forms'])
      for (const name of ['alice', 'bob'])
        await django.createUser(`${name}-${kind}`, `${name}-${kind}@example.com`, PASSWORD)
  })
  afterAll(async () => {
    await django?.stop()
  })

  it.each(['djoser', 'django-forms'] as const)(
    '%s: bob resets; bob is signed out, alice is not',
    async (kind) => {
      const dataDir = await dataDirWithServers([
        { id: 'corp', displayName: 'Corp', baseUrl: django.baseUrl, kind },
      ])
      const events: LinkEvent[] = []
      let services: Services | undefined
      try {
        services = await startTestServices(dataDir, {
          fetch: globalThis.fetch,
          emit: (name, payload) => name === 'onLink' && events.push(payload as LinkEvent),
          safeStorage: fakeSafeStorage,
          now: () => new Date(),
        })
        await services.handlers.rendererReady({})
        const alice = `alice-${kind === 'djoser' ? 'djoser' : 'forms'}`
        const bob = `bob-${kind === 'djoser' ? 'djoser' : 'forms'}`
        for (const username of [alice, bob])
          expect(
            await services.handlers.signIn({ serverId: 'corp', username, password: PASSWORD }),
          ).toMatchObject({
            ok: true,
            value: { username, signedIn: true },
          })

        expect(
          (await services.handlers.requestReset({ serverId: 'corp', email: `${bob}@example.com` })).ok,
        ).toBe(true)
        services.links.fromUrl(django.lastLinkFor(`${bob}@example.com`).url, 'open-url')
        const event = events.at(-1)
        const handle = event?.type === 'link' ? event.link.handle : ''
        const done = await services.handlers.confirmReset({
          handle,
          newPassword: RESET_PASSWORD,
          retypePassword: RESET_PASSWORD,
        })
        expect(done).toMatchObject({ ok: true, value: { serverId: 'corp', username: bob } })

        const accounts = await services.handlers.listAccounts({})
        expect(
          accounts.ok && [...accounts.value].sort((a, b) => a.username.localeCompare(b.username)),
        ).toEqual([
          expect.objectContaining({ username: alice, signedIn: true }),
          expect.objectContaining({ username: bob, signedIn: false }),
        ])
      } finally {
        await services?.stop()
        await rm(dataDir, { recursive: true, force: true })
      }
    },
  )
})
