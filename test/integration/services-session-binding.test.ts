import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../src/main/services'
import { fakeSafeStorage } from '../helpers/fake-safe-storage'
import { testServiceDeps, writeSettings } from '../helpers/service-deps'
import { requireDjango, startDjango, type DjangoServer } from '../servers/django'

/**
 * A stored session belongs to the server address (origin) and backend kind it was made for. When the server
 * with that id later has another address (a planted or changed policy reusing a known id) or another kind, the
 * session is dropped: nothing is sent to the new address, and the user is asked to sign in again.
 */
const available = requireDjango()
const PASSWORD = 'Quartz-Lantern-58'

interface Recorded {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

describe.runIf(available)('sessions are bound to their server’s origin and kind', () => {
  let django: DjangoServer
  let recorder: Server
  let recorderUrl = ''
  const seen: Recorded[] = []

  beforeAll(async () => {
    django = await startDjango()
    await django.createUser('alice', 'alice@example.com', PASSWORD)
    recorder = createServer((req, res) => {
      let body = ''
      req.setEncoding('utf8')
      req.on('data', (chunk: string) => (body += chunk))
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify({ id: 1, username: 'alice', email: 'alice@example.com' }))
      })
    })
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve))
    recorderUrl = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => recorder?.close(resolve))
    await django?.stop()
  })

  const servicesWith = async (dataDir: string, server: { baseUrl: string; kind: string }) => {
    await writeSettings(dataDir, [{ id: 'corp', displayName: 'Corp', ...server }])
    const services = await createServices(
      testServiceDeps(dataDir, {
        fetch: globalThis.fetch,
        safeStorage: fakeSafeStorage,
        now: () => new Date(),
      }),
    )
    return services
  }

  it.each([
    ['djoser', 'the same id at a new address', 'new-origin'],
    ['django-forms', 'the same id at a new address', 'new-origin'],
    ['djoser', 'the same id and address with another kind', 'new-kind'],
  ] as const)('%s: %s gets nothing; the user is asked to sign in again', async (kind, _what, change) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'account-desk-binding-'))
    let services: Services | undefined
    try {
      services = await servicesWith(dataDir, { baseUrl: django.baseUrl, kind })
      const signedIn = await services.handlers.signIn({
        serverId: 'corp',
        username: 'alice',
        password: PASSWORD,
      })
      expect(signedIn).toMatchObject({ ok: true, value: { signedIn: true } })
      const accountId = signedIn.ok ? signedIn.value.id : ''
      await services.stop()

      // The next start: the server id "corp" now points elsewhere (or speaks another protocol).
      const otherKind = kind === 'djoser' ? 'django-forms' : 'djoser'
      // Another kind keeps the address (the kind alone changed); a new address keeps the kind.
      const moved =
        change === 'new-origin'
          ? { baseUrl: recorderUrl, kind }
          : { baseUrl: django.baseUrl, kind: otherKind }
      seen.length = 0
      services = await servicesWith(dataDir, moved)
      const info = await services.handlers.getAppInfo({})
      expect(info.ok && info.value.notices.map((n) => n.message.code)).toContain('notice.sessions-moved')
      expect(await services.handlers.listAccounts({})).toMatchObject({
        ok: true,
        value: [{ id: accountId, username: 'alice', signedIn: false }],
      })
      expect(await services.handlers.whoAmI({ accountId })).toMatchObject({
        ok: false,
        error: { kind: 'auth', sessionExpired: true },
      })
      expect(
        await services.handlers.changePassword({
          accountId,
          currentPassword: PASSWORD,
          newPassword: 'Copper-Meadow-91',
          retypePassword: 'Copper-Meadow-91',
        }),
      ).toMatchObject({ ok: false, error: { kind: 'auth', sessionExpired: true } })
      await services.handlers.signOut({ accountId })
      expect(seen).toEqual([])
    } finally {
      await services?.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
