import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import type { Services } from '../../src/main/services'
import { words } from '../helpers/catalog'
import { startTestServices } from '../helpers/service-deps'

/**
 * The bridge's detectServer: an address the user may not add is refused before anything is sent to it; one they
 * may add is asked, and a refused connection comes back as "can't reach" with its host and port.
 */
let dataDir = ''
let services: Services | null = null
afterEach(async () => {
  await services?.stop()
  services = null
  if (dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })
})

async function start() {
  const asked: string[] = []
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'account-desk-detect-unit-'))
  const refusing: typeof fetch = async (input) => {
    asked.push(String(input instanceof Request ? input.url : input))
    throw Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    })
  }
  services = await startTestServices(dataDir, { fetch: refusing })
  return { handlers: services.handlers, asked }
}

describe('detectServer', () => {
  test('plain http to another computer, or no address at all: refused on the field, nothing sent', async () => {
    const { handlers, asked } = await start()
    expect(await handlers.detectServer({ baseUrl: 'http://accounts.example.com' })).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        message: { code: 'server.check-details' },
        fieldCodes: { baseUrl: [{ code: 'server.address-rule' }] },
      },
    })
    // …which the renderer words as the https:// rule.
    expect(words('en', 'message.server.address-rule', 'errors')).toMatch(/https:\/\//)
    expect(await handlers.detectServer({ baseUrl: 'accounts.example.com' })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    })
    expect(asked).toEqual([])
  })

  test('a server already in the list is refused unasked', async () => {
    const { handlers, asked } = await start()
    const added = await handlers.addServer({
      displayName: 'Corp',
      baseUrl: 'https://corp.example.com',
      kind: 'djoser',
    })
    expect(added.ok).toBe(true)
    asked.length = 0
    expect(await handlers.detectServer({ baseUrl: 'https://CORP.example.com/' })).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        message: { code: 'server.already-listed' },
        fieldCodes: { baseUrl: [{ code: 'server.already-listed' }] },
      },
    })
    expect(asked).toEqual([])
  })

  test('an allowed address is asked on its own origin only, and a refused connection is "can’t reach"', async () => {
    const { handlers, asked } = await start()
    expect(await handlers.detectServer({ baseUrl: 'https://new.example.com:8443/' })).toMatchObject({
      ok: false,
      error: { kind: 'unreachable', host: 'new.example.com:8443' },
    })
    expect(asked.length).toBeGreaterThanOrEqual(5)
    expect(asked.every((url) => url.startsWith('https://new.example.com:8443/'))).toBe(true)
  })
})
