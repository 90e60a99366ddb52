import { EventEmitter } from 'node:events'
import type { BrowserWindowOptionsLike, ElectronLike } from '../../src/main/shell/electron-like'

/**
 * A fake `electron` module: records what the shell asks for (window options, handlers, protocol registration,
 * IPC channels) and lets tests fire the events Electron would (ready, open-url, second-instance, will-navigate,
 * IPC from any frame).
 */
export class FakeWebContents extends EventEmitter {
  sent: { channel: string; payload: unknown }[] = []
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null
  mainFrame = { url: 'app://account-desk/index.html', parent: null }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.windowOpenHandler = handler
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload })
  }
  isDestroyed() {
    return false
  }
  /** Fires a preventable event; returns whether the shell prevented it. */
  fire(event: string, ...args: unknown[]): boolean {
    let prevented = false
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args)
    return prevented
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = []
  webContents = new FakeWebContents()
  loadedUrl: string | null = null
  shown = false
  focused = 0
  restored = 0
  minimized = false
  constructor(public options: BrowserWindowOptionsLike) {
    super()
    FakeBrowserWindow.instances.push(this)
  }
  async loadURL(url: string) {
    this.loadedUrl = url
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

export function createFakeElectron(
  opts: {
    lock?: boolean
    packaged?: boolean
    encryption?: boolean
    userData?: string
    /** app.getLocale() and then app.getPreferredSystemLanguages(); default ['en-US']. */
    languages?: string[]
  } = {},
) {
  FakeBrowserWindow.instances = []
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
    getLocale: () => opts.languages?.[0] ?? 'en-US',
    getPreferredSystemLanguages: () => opts.languages ?? ['en-US'],
    getPath: (name: string) =>
      name === 'userData' && opts.userData ? opts.userData : `/tmp/fake-electron/${name}`,
    enableSandbox() {
      app.sandboxEnabled = true
    },
    whenReady: () => readyPromise,
    quit() {
      app.quitCalled = true
    },
    exit(code = 0) {
      app.exitCode = code
    },
    requestSingleInstanceLock: () => opts.lock ?? true,
    setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]) {
      app.protocolClients.push({ protocol, path, args })
      return true
    },
  })
  const ipcHandlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>()
  const privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[] = []
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>()
  const session = {
    permissionRequestHandler: null as null | ((wc: unknown, p: string, cb: (g: boolean) => void) => void),
    permissionCheckHandler: null as null | ((...args: unknown[]) => boolean),
    devicePermissionHandler: null as null | ((...args: unknown[]) => boolean),
    setPermissionRequestHandler(h: (wc: unknown, p: string, cb: (g: boolean) => void) => void) {
      session.permissionRequestHandler = h
    },
    setPermissionCheckHandler(h: (...args: unknown[]) => boolean) {
      session.permissionCheckHandler = h
    },
    setDevicePermissionHandler(h: (...args: unknown[]) => boolean) {
      session.devicePermissionHandler = h
    },
    protocol: {
      handle(scheme: string, handler: (request: Request) => Promise<Response>) {
        protocolHandlers.set(scheme, handler)
      },
    },
  }
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle(channel: string, listener: (event: unknown, payload: unknown) => Promise<unknown>) {
        if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`)
        ipcHandlers.set(channel, listener)
      },
      removeHandler(channel: string) {
        ipcHandlers.delete(channel)
      },
    },
    protocol: {
      registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]) {
        privilegedSchemes.push(...schemes)
      },
    },
    session: { defaultSession: session },
    net: {
      request: (() => {
        throw new Error('no network in tests')
      }) as never,
    },
    safeStorage: {
      isEncryptionAvailable: () => opts.encryption ?? true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => Buffer.from(`enc:${Buffer.from(s).toString('base64')}`),
      decryptString: (b: Buffer) => Buffer.from(b.toString().replace(/^enc:/, ''), 'base64').toString(),
    },
  }
  return {
    electron: electron as typeof electron & ElectronLike,
    app,
    session,
    ipcHandlers,
    privilegedSchemes,
    protocolHandlers,
    fireReady: () => resolveReady(),
    windows: () => FakeBrowserWindow.instances,
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
