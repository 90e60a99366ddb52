import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startShell } from '../../src/main/shell/start'
import { silentLogger } from '../../src/main/log'
import { channelOf, invokeNames } from '../../src/shared/contract'
import { createFakeElectron, type FakeBrowserWindow } from '../helpers/fake-electron'

const proc = {
  argv: ['/opt/Account Desk/account-desk'],
  platform: 'linux',
  env: {},
  execPath: '/opt/Account Desk/account-desk',
}

async function boot(opts: Parameters<typeof createFakeElectron>[0] = {}) {
  const fake = createFakeElectron(opts)
  const { ready } = startShell(fake.electron, proc, { outDir: '/nonexistent/out', logger: silentLogger })
  fake.fireReady()
  await ready
  return fake
}

describe('the Electron shell with a fake electron module', () => {
  let fake: Awaited<ReturnType<typeof boot>>
  let win: FakeBrowserWindow
  beforeEach(async () => {
    fake = await boot()
    win = fake.windows()[0]!
  })
  afterEach(async () => {
    fake.app.quit()
    await vi.waitFor(() => expect(fake.app.quitCalled).toBe(true), { timeout: 20_000 })
  })

  it('enables the sandbox for every renderer and registers the app scheme as privileged before ready', () => {
    expect(fake.app.sandboxEnabled).toBe(true)
    expect(fake.privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false },
      },
    ])
  })

  // Checklist rows 2-4, 6, 8-11: every option set explicitly.
  it.each([
    ['sandbox', true],
    ['contextIsolation', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['enableBlinkFeatures', ''],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
    ['devTools', false],
  ])('creates exactly one window with webPreferences.%s = %j', (option, value) => {
    expect(fake.windows()).toHaveLength(1)
    expect(win.options.webPreferences).toHaveProperty(option, value)
  })

  it('never loads the renderer from file:// (row 18)', () => {
    expect(win.loadedUrl).toBe('app://account-desk/index.html')
    expect(fake.protocolHandlers.has('app')).toBe(true)
    expect(win.options.webPreferences?.preload).toMatch(/preload[\\/]index\.js$/)
  })

  it('denies every permission request and check (row 5)', () => {
    const names = [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'midiSysex',
      'pointerLock',
      'fullscreen',
      'openExternal',
      'clipboard-read',
      'clipboard-sanitized-write',
      'display-capture',
      'hid',
      'serial',
      'usb',
      'idle-detection',
      'window-management',
      'storage-access',
      'unknown',
    ]
    for (const name of names) {
      let granted: boolean | undefined
      fake.session.permissionRequest!(win.webContents, name, (g) => (granted = g))
      expect(granted, name).toBe(false)
      expect(fake.session.permissionCheck!(), name).toBe(false)
    }
    expect(fake.session.devicePermission!()).toBe(false)
  })

  it('prevents navigation, redirects and frame navigation away from the app (row 13)', () => {
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate'] as const) {
      for (const url of [
        'https://evil.example/',
        'app://account-desk.evil.com/',
        'javascript:alert(1)',
        'file:///etc/passwd',
        'app://evil/',
      ]) {
        expect(win.webContents.fireNavigation(event, url), `${event} ${url}`).toBe(true)
      }
      expect(win.webContents.fireNavigation(event, 'app://account-desk/index.html'), event).toBe(false)
    }
  })

  it('prevents <webview> attachment and denies every new window (rows 11, 12, 14)', () => {
    expect(win.webContents.fire('will-attach-webview', {}, {})).toBe(true)
    for (const url of ['https://example.com', 'app://account-desk/index.html', 'about:blank']) {
      expect(win.webContents.tryOpen(url)).toEqual({ action: 'deny' })
    }
  })

  it('locks down any other web contents that gets created', () => {
    const other = new (
      fake.windows()[0]!.webContents.constructor as new () => FakeBrowserWindow['webContents']
    )()
    fake.app.emit('web-contents-created', {}, other)
    expect(other.fireNavigation('will-navigate', 'https://evil.example/')).toBe(true)
    expect(other.tryOpen('https://x')).toEqual({ action: 'deny' })
  })

  it('registers one IPC handler per contract channel, and only those (row 17)', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(invokeNames.map(channelOf).sort())
  })

  it('refuses IPC from a subframe, a foreign origin and a null frame; validates payloads (row 17)', async () => {
    const channel = channelOf('getAppInfo')
    const refused = {
      ok: false,
      error: { kind: 'bad-request', message: { code: 'bad-request.sender' } },
    }
    expect(await fake.invoke(channel, {}, { url: 'https://evil.example/', parent: null })).toEqual(refused)
    expect(await fake.invoke(channel, {}, { url: 'app://account-desk/index.html', parent: {} })).toEqual(
      refused,
    )
    expect(await fake.invoke(channel, {}, null)).toEqual(refused)
    expect(await fake.invoke(channel, {}, { url: 'file:///index.html', parent: null })).toEqual(refused)
    const bad = (await fake.invoke(channel, { extra: 1 })) as { ok: boolean; error: { kind: string } }
    expect(bad.ok).toBe(false)
    expect(bad.error.kind).toBe('bad-request')
    const good = (await fake.invoke(channel, {})) as { ok: boolean; value: { version: string } }
    expect(good).toMatchObject({ ok: true, value: { version: '1.2.3', shell: 'electron' } })
  })

  it('keeps the window title the product name whatever the page sets', () => {
    let prevented = false
    win.emit('page-title-updated', { preventDefault: () => (prevented = true) }, 'reset token abc')
    expect(prevented).toBe(true)
    expect(win.options.title).toBe('Account Desk')
  })

  it('cannot be made smaller than a desktop layout needs (the mailbox jump and the forms fit at 640×520)', () => {
    expect(win.options).toMatchObject({ minWidth: 640, minHeight: 520 })
  })
})

describe('the shell in development and with a second instance', () => {
  it('allows the dev server origin only when unpackaged and ELECTRON_RENDERER_URL is set', async () => {
    const fake = createFakeElectron({ packaged: false })
    const { ready } = startShell(
      fake.electron,
      { ...proc, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } },
      { outDir: '/x', logger: silentLogger },
    )
    fake.fireReady()
    await ready
    const win = fake.windows()[0]!
    expect(win.loadedUrl).toBe('http://localhost:5173')
    expect(win.options.webPreferences?.devTools).toBe(true)
    expect(win.webContents.fireNavigation('will-navigate', 'http://localhost:5173/x')).toBe(false)
    expect(win.webContents.fireNavigation('will-navigate', 'http://localhost:5174/x')).toBe(true)
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged app', async () => {
    const fake = createFakeElectron({ packaged: true })
    const { ready } = startShell(
      fake.electron,
      { ...proc, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } },
      { outDir: '/x', logger: silentLogger },
    )
    fake.fireReady()
    await ready
    expect(fake.windows()[0]!.loadedUrl).toBe('app://account-desk/index.html')
  })

  it('exits when another instance holds the lock, creating no window', async () => {
    const fake = createFakeElectron({ lock: false })
    const { ready } = startShell(fake.electron, proc, { outDir: '/x', logger: silentLogger })
    fake.fireReady()
    await ready
    expect(fake.app.exitCode).toBe(0)
    expect(fake.windows()).toHaveLength(0)
  })
})
