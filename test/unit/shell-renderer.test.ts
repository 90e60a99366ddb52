import { rm } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/main/log'
import { createRendererRecovery } from '../../src/main/shell/renderer-recovery'
import { startShell } from '../../src/main/shell/start'
import { channelOf, type AppInfo, type LinkEvent } from '../../src/shared/contract'
import { createFakeElectron, type FakeElectronOptions } from '../helpers/fake-electron'
import { corpDataDir } from '../helpers/shell-data-dir'

/**
 * The shell against Electron 45's event order (the fake fires did-start-navigation → will-frame-navigate →
 * will-navigate → did-frame-navigate → did-navigate): links wait only while no page can take them, a crashed
 * renderer comes back, and a scheme the system refused is said once.
 */
const LINK = 'accountdesk://accounts.example.com/reset/MQ/diusln-88aa9a15913d435fa538b434f728f58d'

let dataDir: string
let logLines: string[]
beforeEach(async () => {
  dataDir = await corpDataDir('account-desk-renderer-')
  logLines = []
})
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

async function boot(opts: FakeElectronOptions = {}) {
  const fake = createFakeElectron({ userData: dataDir, ...opts })
  const logger = createLogger((line) => logLines.push(line), 'debug')
  const { ready } = startShell(
    fake.electron,
    { argv: ['/opt/ad/account-desk'], platform: 'linux', env: {}, execPath: '/opt/ad/account-desk' },
    { outDir: '/x', logger },
  )
  fake.fireReady()
  await ready
  const win = fake.windows()[0]!
  const links = () =>
    win.webContents.sent.filter((m) => m.channel === channelOf('onLink')).map((m) => m.payload as LinkEvent)
  const rendererReady = () => fake.invoke(channelOf('rendererReady'), {})
  const openUrl = async (url: string) => {
    fake.emit('open-url', { preventDefault() {} }, url)
    await new Promise((r) => setImmediate(r))
  }
  const appInfo = async () => {
    const info = (await fake.invoke(channelOf('getAppInfo'), {})) as { ok: true; value: AppInfo }
    return info.value
  }
  return { fake, win, links, rendererReady, openUrl, appInfo }
}

describe('links wait only while no page can take them', () => {
  it('a navigation the lock-down blocks does not hold links (did-start-navigation comes first in Electron)', async () => {
    const { win, links, rendererReady, openUrl } = await boot()
    await rendererReady()
    expect(win.webContents.navigate('https://evil.example/')).toBe(false)
    await openUrl(LINK)
    expect(links()).toMatchObject([{ type: 'link' }])
  })

  it('in-page and subframe navigations do not hold links', async () => {
    const { win, links, rendererReady, openUrl } = await boot()
    await rendererReady()
    win.webContents.navigate('app://account-desk/index.html#top', { sameDocument: true })
    win.webContents.navigate('app://account-desk/frame.html', { mainFrame: false })
    await openUrl(LINK)
    expect(links()).toHaveLength(1)
  })

  it('a new document committed in the main frame holds links until that page says it is ready', async () => {
    const { win, links, rendererReady, openUrl } = await boot()
    await rendererReady()
    expect(win.webContents.navigate('app://account-desk/index.html')).toBe(true)
    await openUrl(LINK)
    expect(links()).toEqual([])
    await rendererReady()
    expect(links()).toMatchObject([{ type: 'link' }])
  })
})

describe('a crashed renderer', () => {
  it('is reloaded, and a link that came meanwhile arrives once the new page is ready', async () => {
    const { win, links, rendererReady, openUrl } = await boot()
    await rendererReady()
    win.webContents.crash('crashed')
    expect(win.webContents.reloads).toBe(1)
    await openUrl(LINK)
    expect(links()).toEqual([])
    await rendererReady()
    expect(links()).toMatchObject([{ type: 'link' }])
    expect(logLines.join('\n')).toContain('renderer.reloaded')
  })

  it('is reloaded at most 3 times a minute; then a clear error page, not a loop', async () => {
    const { win, rendererReady } = await boot()
    await rendererReady()
    for (let i = 0; i < 4; i++) win.webContents.crash('oom')
    expect(win.webContents.reloads).toBe(3)
    const last = win.webContents.committed.at(-1) ?? ''
    expect(last.startsWith('data:text/html')).toBe(true)
    expect(decodeURIComponent(last)).toContain('Account Desk stopped working')
    expect(logLines.join('\n')).toContain('renderer.gave-up')
  })
})

describe('createRendererRecovery', () => {
  it('counts reloads in a sliding minute', () => {
    let now = 0
    const done: string[] = []
    const recovery = createRendererRecovery({
      holdLinks: () => done.push('hold'),
      reload: () => done.push('reload'),
      showErrorPage: () => done.push('error-page'),
      now: () => now,
    })
    expect([0, 1, 2, 3].map(() => recovery.gone('crashed'))).toEqual([
      'reloaded',
      'reloaded',
      'reloaded',
      'gave-up',
    ])
    now = 60_000
    expect(recovery.gone('crashed')).toBe('reloaded')
    expect(done.filter((d) => d === 'hold')).toHaveLength(5)
  })
})

describe('the link scheme', () => {
  it('refused by the system (setAsDefaultProtocolClient → false): one notice says links will not open the app and how to paste one', async () => {
    const { appInfo } = await boot({ protocolClient: false })
    const info = await appInfo()
    const notices = info.notices.filter((n) => n.message.code === 'notice.links-will-not-open')
    expect(notices).toHaveLength(1)
    expect(notices[0]!.message).toEqual({ code: 'notice.links-will-not-open', app: expect.any(String) })
    expect(
      (await appInfo()).notices.filter((n) => n.message.code === 'notice.links-will-not-open'),
    ).toHaveLength(1)
  })

  it('accepted: no such notice', async () => {
    const { appInfo } = await boot({ protocolClient: true })
    expect((await appInfo()).notices.some((n) => n.message.code === 'notice.links-will-not-open')).toBe(false)
  })
})

describe('the lock-down', () => {
  it('is idempotent: the main window, announced by web-contents-created and locked by the window too, is guarded once', async () => {
    const { win } = await boot()
    expect(win.webContents.listenerCount('will-navigate')).toBe(1)
    expect(win.webContents.listenerCount('will-frame-navigate')).toBe(1)
    win.webContents.navigate('https://evil.example/')
    expect(logLines.filter((l) => l.includes('window.blocked'))).toHaveLength(1)
  })
})

describe('safeStorage through the shell', () => {
  it('is asked only after ready, availability before the Linux backend name', async () => {
    const { fake } = await boot({ backend: 'kwallet6' })
    expect(fake.safeStorageCalls.slice(0, 2)).toEqual([
      'isAsyncEncryptionAvailable',
      'getSelectedStorageBackend',
    ])
  })

  it.each(['kwallet6', 'gnome_libsecret'] as const)(
    '%s: sign-ins are encrypted, no notice',
    async (backend) => {
      const { appInfo } = await boot({ backend })
      const info = await appInfo()
      expect(info.secretStorage).toBe('encrypted')
      expect(info.notices.some((n) => n.message.code === 'notice.secrets-no-store')).toBe(false)
    },
  )

  it('basic_text (a fixed key, though "available"): memory only, with the notice', async () => {
    const { appInfo } = await boot({ backend: 'basic_text' })
    const info = await appInfo()
    expect(info.secretStorage).toBe('memory-only')
    expect(info.notices.some((n) => n.message.code === 'notice.secrets-no-store')).toBe(true)
  })
})
