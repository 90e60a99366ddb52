import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { silentLogger } from '../../src/main/log'
import { startShell } from '../../src/main/shell/start'
import { channelOf } from '../../src/shared/contract'
import { createFakeElectron } from '../helpers/fake-electron'

const proc = { argv: ['/opt/Account Desk/account-desk'], platform: 'linux', env: {}, execPath: '/opt/x' }

describe('the Electron shell’s language', () => {
  let fake: ReturnType<typeof createFakeElectron>
  let userData: string
  afterEach(async () => {
    fake.app.quit()
    await vi.waitFor(() => expect(fake.app.quitCalled).toBe(true), { timeout: 20_000 })
    await rm(userData, { recursive: true, force: true })
  })

  it('follows the OS’s preferred languages (not the renderer’s), and keeps the user’s choice', async () => {
    userData = await mkdtemp(path.join(os.tmpdir(), 'account-desk-shell-language-'))
    // An Austrian German system whose Chromium locale is German, as Electron reports it.
    fake = createFakeElectron({ locale: 'de', systemLanguages: ['de-AT', 'en-GB'], userData })
    const { ready } = startShell(fake.electron, proc, { outDir: '/nonexistent/out', logger: silentLogger })
    fake.fireReady()
    await ready

    expect(await fake.invoke(channelOf('getLanguage'), { browserLanguages: ['en-US'] })).toEqual({
      ok: true,
      value: { language: 'de', choice: 'system', pinned: false, system: 'de' },
    })
    expect(await fake.invoke(channelOf('setLanguage'), { choice: 'en' })).toMatchObject({
      ok: true,
      value: { language: 'en', choice: 'en' },
    })
    const bad = await fake.invoke(channelOf('setLanguage'), { choice: 'fr' })
    expect(bad).toMatchObject({ ok: false, error: { kind: 'bad-request' } })
    await vi.waitFor(async () =>
      expect(JSON.parse(await readFile(path.join(userData, 'settings.json'), 'utf8'))).toMatchObject({
        language: 'en',
      }),
    )
  })
})
