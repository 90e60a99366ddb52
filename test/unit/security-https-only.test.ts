import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServices } from '../helpers/service-deps'
import type { Services } from '../../src/main/services'
import { serverProfileSchema } from '../../src/shared/profile'

/**
 * Checklist row 1 (only secure content): a server's address must be https; plain http only on this computer
 * (the demo server, tests). The renderer itself loads nothing from the network (connect-src 'none', no http:
 * resources: test/unit/csp-built.test.ts).
 */
describe('server addresses (row 1)', () => {
  it.each([
    ['https://accounts.example.com', true],
    ['https://accounts.example.com:8443/base', true],
    ['http://127.0.0.1:8000', true],
    ['http://localhost:8000', true],
    ['http://[::1]:8000', true],
    ['http://accounts.example.com', false],
    ['http://10.0.0.5', false],
    ['http://127.0.0.1.evil.example', false],
    ['http://localhost.evil.example', false],
    ['ftp://accounts.example.com', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['ws://accounts.example.com', false],
    ['https://user:pw@accounts.example.com', false],
    ['https://accounts.example.com/?next=http://evil', false],
    ['https://accounts.example.com/#x', false],
    ['accounts.example.com', false],
  ])('%s → %s', (baseUrl, accepted) => {
    const parsed = serverProfileSchema.safeParse({ id: 's', displayName: 'S', baseUrl, kind: 'djoser' })
    expect(parsed.success).toBe(accepted)
  })
})

describe('adding a server through the bridge (row 1)', () => {
  let dir: string
  let services: Services
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'security-https-'))
    services = await startTestServices(dir)
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('refuses a plain-http server on the network with the reason on the address field', async () => {
    const result = await services.handlers.addServer({
      displayName: 'Intranet',
      baseUrl: 'http://accounts.example.com',
      kind: 'djoser',
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    // server.address-rule: "Use an https:// address (plain http is allowed only for this computer, …)".
    expect(result.error).toEqual({
      kind: 'validation',
      message: { code: 'server.check-details' },
      fields: {},
      fieldCodes: { baseUrl: [{ code: 'server.address-rule' }] },
    })
    expect(await services.handlers.listServers({})).toEqual({ ok: true, value: [] })
  })

  it('accepts https, and http on this computer', async () => {
    for (const baseUrl of ['https://accounts.example.com', 'http://127.0.0.1:8000']) {
      const result = await services.handlers.addServer({ displayName: baseUrl, baseUrl, kind: 'djoser' })
      expect(result, baseUrl).toMatchObject({ ok: true })
    }
  })
})
