import { mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createServices, type ServiceDeps, type Services } from '../../src/main/services'
import { silentLogger } from '../../src/main/log'

/**
 * The ServiceDeps tests start the real services with: a temp data folder, no
 * managed policy (a machine path that does not exist), no branding servers, the demo off, and a network that
 * refuses every connection unless the test brings its own fetch.
 */
export const refusingFetch = (async () => {
  throw Object.assign(new TypeError('fetch failed'), {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
  })
}) as unknown as typeof fetch

export function testServiceDeps(dataDir: string, overrides: Partial<ServiceDeps> = {}): ServiceDeps {
  return {
    shell: 'electron',
    appName: 'Account Desk',
    version: '1.0.0',
    platform: 'linux',
    scheme: 'accountdesk',
    dataDir,
    fetch: refusingFetch,
    logger: silentLogger,
    emit: () => {},
    safeStorage: null,
    now: () => new Date('2026-11-30T12:00:00.000Z'),
    demo: 'off',
    policy: {
      sources: [
        { type: 'file', path: path.join(dataDir, 'no-policy-here.json'), format: 'json', rootOwned: false },
      ],
      override: null,
      overrideAllowed: true,
    },
    brandingServers: [],
    ...overrides,
  }
}

/** The real services, started on `dataDir` with testServiceDeps (and the test's overrides). */
export function startTestServices(dataDir: string, overrides: Partial<ServiceDeps> = {}): Promise<Services> {
  return createServices(testServiceDeps(dataDir, overrides))
}

/** A fresh data folder whose settings.json lists these servers (as the user added them). */
export async function dataDirWithServers(
  servers: { id: string; displayName: string; baseUrl: string; kind: string; confirmPath?: string }[],
): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'account-desk-test-'))
  await writeSettings(dataDir, servers)
  return dataDir
}

/** Writes settings.json listing these servers. */
export async function writeSettings(
  dataDir: string,
  servers: { id: string; displayName: string; baseUrl: string; kind: string; confirmPath?: string }[],
): Promise<void> {
  await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ version: 1, servers }))
}
