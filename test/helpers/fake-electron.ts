import { EventEmitter } from 'node:events'
import { emitLikeElectron } from './electron-emitter'
import type { BrowserWindowConstructorOptions } from 'electron'
import type { NetRequest } from '../../src/main/http/net-request-fetch'
import type { IpcMainLike } from '../../src/main/ipc/register'
import type {
  RenderProcessGoneDetails,
  ShellApp,
  ShellBrowserWindow,
  ShellElectron,
  ShellSafeStorage,
  ShellSession,
  ShellWebContents,
} from '../../src/main/shell/electron-types'

/**
 * A fake `electron` module, held to Electron 45 where the shell depends on order or answers. Every part is
 * declared `satisfies` the shell's view of Electron (src/main/shell/electron-types.ts, derived from
 * electron.d.ts), so `npm run typecheck` fails the day the fake and Electron's API part ways. Each behaviour that
 * matters cites Electron's docs; tests fire events through `emitLikeElectron`, so a listener's throw becomes an
 * uncaught exception (as in Electron's main process) and fails the run instead of landing in the test's stack.
 */

type Backend = ReturnType<ShellSafeStorage['getSelectedStorageBackend']>

/** Electron's Event: `preventDefault()` and `defaultPrevented`, plus the event's own params. */
function electronEvent<P extends object>(
  params: P,
): P & { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    ...params,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true
    },
  }
  return event
}

let nextWebContentsId = 1
type WindowOpenHandler = Parameters<ShellWebContents['setWindowOpenHandler']>[0]

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++
  sent: { channel: string; payload: unknown }[] = []
  windowOpenHandler: WindowOpenHandler | null = null
  /** Every document the main frame committed, in order. */
  committed: string[] = []
  reloads = 0
  crashed = false
  url = ''
  setWindowOpenHandler(handler: WindowOpenHandler) {
    this.windowOpenHandler = handler
  }
  /** What the window-open handler answers for `window.open(url)` (HandlerDetails as Electron fills it). */
  tryOpen(url: string) {
    return this.windowOpenHandler?.({
      url,
      frameName: '',
      features: '',
      disposition: 'new-window',
      referrer: { url: '', policy: 'strict-origin-when-cross-origin' },
    })
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload })
  }
  isDestroyed() {
    return false
  }
  /**
   * A load the app starts itself (loadURL, reload): browser-initiated, so no will-navigate / will-frame-navigate
   * ("This event will not emit when the navigation is started programmatically with APIs like
   * webContents.loadURL", https://www.electronjs.org/docs/latest/api/web-contents#event-will-navigate).
   */
  async loadURL(url: string) {
    this.crashed = false
    this.commitMainFrame(url, { rendererInitiated: false })
  }
  reload() {
    this.reloads++
    this.crashed = false
    this.commitMainFrame(this.url, { rendererInitiated: false })
  }
  /** Fires a preventable event the way Electron does; returns whether a listener prevented it. */
  fire(event: string, ...args: unknown[]): boolean {
    const e = electronEvent({})
    emitLikeElectron(this, event, e, ...args)
    return e.defaultPrevented
  }
  /**
   * One cancellable navigation event alone, as Electron 45 passes it: a details Event carrying `url` (the
   * positional url is deprecated). Returns whether a listener prevented it.
   */
  fireNavigation(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string): boolean {
    const e = electronEvent({ url, isSameDocument: false, isMainFrame: true, frame: null })
    emitLikeElectron(this, event, e, url)
    return e.defaultPrevented
  }
  /**
   * A navigation the page starts (a link, `location = ...`), in Electron 45's order: did-start-navigation →
   * will-frame-navigate → will-navigate (main frame) → did-frame-navigate → did-navigate (main frame); nothing
   * after a prevented cancellable event; same-document navigations end in did-navigate-in-page
   * (https://www.electronjs.org/docs/latest/api/web-contents#navigation-events). Returns whether it committed.
   */
  navigate(url: string, opts: { sameDocument?: boolean; mainFrame?: boolean } = {}): boolean {
    return this.commitMainFrame(url, {
      rendererInitiated: true,
      sameDocument: opts.sameDocument ?? false,
      mainFrame: opts.mainFrame ?? true,
    })
  }
  /** `render-process-gone` (https://www.electronjs.org/docs/latest/api/web-contents#event-render-process-gone). */
  crash(reason: RenderProcessGoneDetails['reason'] = 'crashed') {
    this.crashed = true
    emitLikeElectron(this, 'render-process-gone', electronEvent({}), { reason, exitCode: 1 })
  }
  private commitMainFrame(
    url: string,
    o: { rendererInitiated: boolean; sameDocument?: boolean; mainFrame?: boolean },
  ): boolean {
    const sameDocument = o.sameDocument ?? false
    const isMainFrame = o.mainFrame ?? true
    const params = { url, isSameDocument: sameDocument, isMainFrame, frame: null }
    const cancellable = (name: string) => {
      const e = electronEvent(params)
      emitLikeElectron(this, name, e)
      return e.defaultPrevented
    }
    emitLikeElectron(this, 'did-start-navigation', electronEvent(params))
    if (sameDocument) {
      emitLikeElectron(this, 'did-navigate-in-page', electronEvent({}), url, isMainFrame, 1, 1)
      return true
    }
    if (o.rendererInitiated) {
      if (cancellable('will-frame-navigate')) return false
      if (isMainFrame && cancellable('will-navigate')) return false
    }
    emitLikeElectron(this, 'did-frame-navigate', electronEvent({}), url, 200, 'OK', isMainFrame, 1, 1)
    if (isMainFrame) {
      this.url = url
      this.committed.push(url)
      emitLikeElectron(this, 'did-navigate', electronEvent({}), url, 200, 'OK')
    }
    return true
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = []
  /** Set by createFakeElectron: the app, so a new window's contents fire `web-contents-created`. */
  static app: EventEmitter | null = null
  readonly webContents = new FakeWebContents()
  loadedUrl: string | null = null
  shown = false
  focused = 0
  restored = 0
  minimized = false
  constructor(public options: BrowserWindowConstructorOptions) {
    super()
    FakeBrowserWindow.instances.push(this)
    // Every WebContents, the main window's too, is announced on app (https://www.electronjs.org/docs/latest/api/app#event-web-contents-created).
    if (FakeBrowserWindow.app)
      emitLikeElectron(FakeBrowserWindow.app, 'web-contents-created', electronEvent({}), this.webContents)
  }
  async loadURL(url: string) {
    this.loadedUrl = url
    await this.webContents.loadURL(url)
  }
  show() {
    this.shown = true
  }
  focus() {
    this.focused++
  }
  restore() {
    this.restored++
    this.minimized = false
  }
  isMinimized() {
    return this.minimized
  }
  isDestroyed() {
    return false
  }
}

export interface FakeElectronOptions {
  lock?: boolean
  packaged?: boolean
  userData?: string
  /** What `setAsDefaultProtocolClient` answers: false on an AppImage, without a .desktop file, under a policy. */
  protocolClient?: boolean
  /** safeStorage: whether the OS store works, and the Linux backend Chromium picks (basic_text = a fixed key). */
  encryption?: boolean
  backend?: Exclude<Backend, 'unknown'>
  /**
   * app.getLocale(): Chromium's locale for the app, a locale Chromium ships ("de", "en-US", "fr"); default 'en-US'.
   * https://www.electronjs.org/docs/latest/api/app#appgetlocale
   */
  locale?: string
  /**
   * app.getPreferredSystemLanguages(): "the user's preferred system languages from most preferred to least
   * preferred, including the country codes if applicable" (Electron's docs, whose examples read
   * ['fr-CA', 'en-US', 'zh-Hans-CN', 'fi', 'es-419'] on Windows); default ['en-US'].
   * https://www.electronjs.org/docs/latest/api/app#appgetpreferredsystemlanguages
   */
  systemLanguages?: string[]
}

export function createFakeElectron(opts: FakeElectronOptions = {}) {
  FakeBrowserWindow.instances = []
  let isReady = false
  let resolveReady!: () => void
  const readyPromise = new Promise<void>((r) => (resolveReady = r))
  const app = Object.assign(new EventEmitter(), {
    name: 'Account Desk',
    isPackaged: opts.packaged ?? true,
    sandboxEnabled: false,
    exitCode: null as number | null,
    quitCalled: false,
    protocolClients: [] as { protocol: string; path?: string; args?: string[] }[],
    getVersion: () => '1.2.3',
    getLocale: () => opts.locale ?? 'en-US',
    getPreferredSystemLanguages: () => opts.systemLanguages ?? ['en-US'],
    getPath: (name: Parameters<ShellApp['getPath']>[0]) =>
      name === 'userData' && opts.userData ? opts.userData : `/tmp/fake-electron/${name}`,
    enableSandbox() {
      app.sandboxEnabled = true
    },
    whenReady: () => readyPromise,
    /** Electron emits 'before-quit' first; a listener's preventDefault() cancels the quit (docs/api/app.md). */
    quit() {
      const event = electronEvent({})
      emitLikeElectron(app, 'before-quit', event)
      if (!event.defaultPrevented) app.quitCalled = true
    },
    exit(code = 0) {
      app.exitCode = code
    },
    requestSingleInstanceLock: () => opts.lock ?? true,
    // Returns whether the call succeeded (https://www.electronjs.org/docs/latest/api/app#appsetasdefaultprotocolclientprotocol-path-args).
    setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]) {
      app.protocolClients.push({ protocol, path, args })
      return opts.protocolClient ?? true
    },
  }) satisfies ShellApp
  FakeBrowserWindow.app = app
  type IpcListener = Parameters<IpcMainLike['handle']>[1]
  const ipcHandlers = new Map<string, IpcListener>()
  const privilegedSchemes: { scheme: string; privileges: Record<string, boolean | undefined> }[] = []
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>()
  type RequestHandler = Parameters<ShellSession['setPermissionRequestHandler']>[0] | null
  type CheckHandler = Parameters<ShellSession['setPermissionCheckHandler']>[0] | null
  type DeviceHandler = Parameters<ShellSession['setDevicePermissionHandler']>[0] | null
  /** What the shell handed the session, for tests to call. */
  const handlers = {
    permissionRequest: null as RequestHandler,
    permissionCheck: null as CheckHandler,
    devicePermission: null as DeviceHandler,
  }
  const session = {
    setPermissionRequestHandler(h: RequestHandler) {
      handlers.permissionRequest = h
    },
    setPermissionCheckHandler(h: CheckHandler) {
      handlers.permissionCheck = h
    },
    setDevicePermissionHandler(h: DeviceHandler) {
      handlers.devicePermission = h
    },
    protocol: {
      handle(scheme: string, handler: (request: Request) => Promise<Response>) {
        protocolHandlers.set(scheme, handler)
      },
    },
  } satisfies ShellSession

  const backend = opts.backend ?? 'gnome_libsecret'
  let asyncInitialised = false
  const safeStorageCalls: string[] = []
  const requireReady = (call: string) => {
    safeStorageCalls.push(call)
    // The async encryptor is initialised lazily on the first call after `ready` (electron.d.ts,
    // isAsyncEncryptionAvailable); before `ready` there is nothing to initialise.
    if (!isReady) throw new Error(`safeStorage.${call} before the app is ready`)
    asyncInitialised = true
  }
  const safeStorage = {
    async isAsyncEncryptionAvailable() {
      requireReady('isAsyncEncryptionAvailable')
      return opts.encryption ?? true
    },
    // "unknown - When the function is called before app has emitted the ready event" (safe-storage docs); the
    // Linux backend is only chosen once the encryptor is initialised.
    getSelectedStorageBackend: (): Backend => {
      safeStorageCalls.push('getSelectedStorageBackend')
      return isReady && asyncInitialised ? backend : 'unknown'
    },
    async encryptStringAsync(plain: string) {
      requireReady('encryptStringAsync')
      if (opts.encryption === false) throw new Error('Encryption is not available.')
      return Buffer.from(`enc:${Buffer.from(plain).toString('base64')}`)
    },
    async decryptStringAsync(sealed: Buffer) {
      requireReady('decryptStringAsync')
      const text = sealed.toString()
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided')
      return { shouldReEncrypt: false, result: Buffer.from(text.slice(4), 'base64').toString() }
    },
  } satisfies ShellSafeStorage

  /** What the app handed to the OS opener. */
  const opened: string[] = []
  const noNetwork: NetRequest = () => {
    throw new Error('no network in tests')
  }
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle(channel: string, listener: IpcListener) {
        // "Registers a handler ... for each channel" once; a second one throws (ipc-main docs).
        if (ipcHandlers.has(channel))
          throw new Error(`Attempted to register a second handler for '${channel}'`)
        ipcHandlers.set(channel, listener)
      },
      removeHandler(channel: string) {
        ipcHandlers.delete(channel)
      },
    },
    protocol: {
      registerSchemesAsPrivileged(
        schemes: { scheme: string; privileges?: Record<string, boolean | undefined> }[],
      ) {
        for (const s of schemes) privilegedSchemes.push({ scheme: s.scheme, privileges: s.privileges ?? {} })
      },
    },
    session: { defaultSession: session },
    net: { request: noNetwork },
    shell: {
      async openExternal(url: string) {
        opened.push(url)
      },
    },
    safeStorage,
  } satisfies ShellElectron
  return {
    opened,
    electron,
    app,
    session: handlers,
    safeStorage,
    safeStorageCalls,
    ipcHandlers,
    privilegedSchemes,
    protocolHandlers,
    fireReady: () => {
      isReady = true
      resolveReady()
    },
    windows: () => FakeBrowserWindow.instances,
    /** Fires an app event the way Electron does (a listener's throw is an uncaught exception). */
    emit: (event: string, ...args: unknown[]) => emitLikeElectron(app, event, ...args),
    /** Calls an IPC handler as a frame at `url` would (parent null = main frame). */
    invoke(
      channel: string,
      payload: unknown,
      frame: { url: string; parent: unknown } | null = { url: 'app://account-desk/index.html', parent: null },
    ) {
      const handler = ipcHandlers.get(channel)
      if (!handler) throw new Error(`no handler for ${channel}`)
      return handler({ senderFrame: frame, sender: { mainFrame: frame } }, payload)
    },
  }
}

export type { ShellBrowserWindow }
