import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { silentLogger } from '../../src/main/log'
import { startShell } from '../../src/main/shell/start'
import { channelOf } from '../../src/shared/contract'
import type { Notice } from '../../src/shared/messages'
import { createFakeElectron } from '../helpers/fake-electron'

/**
 * The Electron shell hands the services where the policy lives: an installed (packaged) app does not take a
 * policy from the file ACCOUNT_DESK_POLICY names; an unpackaged one (development) does. And the shell's system
 * opener is the one "Open the sign-in page" goes through.
 */
const work = mkdtempSync(path.join(tmpdir(), 'shell-policy-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const planted = path.join(work, 'planted-policy.json')
writeFileSync(
  planted,
  JSON.stringify({
    lockServers: true,
    servers: [{ id: 'corp', displayName: 'Corp', baseUrl: 'https://corp.example.org', kind: 'django-forms' }],
  }),
)

async function boot(packaged: boolean) {
  const userData = mkdtempSync(path.join(work, 'data-'))
  const fake = createFakeElectron({ packaged, userData })
  const proc = {
    argv: ['/opt/Account Desk/account-desk'],
    platform: 'linux',
    env: { ACCOUNT_DESK_POLICY: planted },
    execPath: '/opt/Account Desk/account-desk',
  }
  const { ready } = startShell(fake.electron, proc, { outDir: '/nonexistent/out', logger: silentLogger })
  fake.fireReady()
  await ready
  return fake
}

describe('the shell and the policy named by ACCOUNT_DESK_POLICY', () => {
  it('an installed app ignores it, and says so', async () => {
    const fake = await boot(true)
    const info = (await fake.invoke(channelOf('getAppInfo'), {})) as {
      value: { serversLocked: boolean; notices: Notice[] }
    }
    expect(info.value.serversLocked).toBe(false)
    expect(info.value.notices).toContainEqual({
      level: 'warning',
      message: { code: 'notice.test-policy-ignored-installed', file: planted, app: 'Account Desk' },
    })
    const servers = (await fake.invoke(channelOf('listServers'), {})) as { value: { id: string }[] }
    expect(servers.value.map((s) => s.id)).not.toContain('corp')
    // Quit as Electron does (a before-quit event the shell holds until the services stopped), then wait for it.
    fake.app.quit()
    await vi.waitFor(() => expect(fake.app.quitCalled).toBe(true), { timeout: 20_000 })
  })

  it('an unpackaged app uses it; its sign-in page opens through the shell’s opener', async () => {
    const fake = await boot(false)
    const info = (await fake.invoke(channelOf('getAppInfo'), {})) as { value: { serversLocked: boolean } }
    expect(info.value.serversLocked).toBe(true)
    expect(await fake.invoke(channelOf('openSignInPage'), { serverId: 'corp' })).toEqual({
      ok: true,
      value: {},
    })
    expect(fake.opened).toEqual(['https://corp.example.org/accounts/login/'])
    // Quit as Electron does (a before-quit event the shell holds until the services stopped), then wait for it.
    fake.app.quit()
    await vi.waitFor(() => expect(fake.app.quitCalled).toBe(true), { timeout: 20_000 })
  })
})
