/*
 * The subset of Electron the shell uses, as plain types, so the shell can be driven by a fake `electron` module
 * in tests (test/helpers/fake-electron.ts) and checked by the type system against the real one in src/main/index.ts.
 */
import type { NetRequest } from '../http/net-request-fetch'

export interface WebContentsLike {
  id?: number
  on(event: string, listener: (...args: never[]) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  send(channel: string, payload: unknown): void
  isDestroyed?(): boolean
}

export interface BrowserWindowLike {
  webContents: WebContentsLike
  loadURL(url: string): Promise<void>
  once(event: 'ready-to-show', listener: () => void): unknown
  on(event: string, listener: (...args: never[]) => void): unknown
  show(): void
  focus(): void
  restore(): void
  isMinimized(): boolean
  isDestroyed(): boolean
  setTitle?(title: string): void
}

export interface BrowserWindowOptionsLike {
  width: number
  height: number
  minWidth: number
  minHeight: number
  show: boolean
  title: string
  backgroundColor?: string
  autoHideMenuBar?: boolean
  webPreferences: Record<string, unknown>
}

export interface SessionLike {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void
  setPermissionCheckHandler(handler: (...args: never[]) => boolean): void
  setDevicePermissionHandler?(handler: (...args: never[]) => boolean): void
  protocol: {
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void
  }
}

export interface AppLike {
  name: string
  isPackaged: boolean
  getVersion(): string
  getPath(name: 'userData' | 'logs'): string
  getLocale(): string
  getPreferredSystemLanguages(): string[]
  enableSandbox(): void
  whenReady(): Promise<unknown>
  on(event: string, listener: (...args: never[]) => void): unknown
  quit(): void
  exit(code?: number): void
  requestSingleInstanceLock(): boolean
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean
}

export interface ElectronLike {
  app: AppLike
  BrowserWindow: new (options: BrowserWindowOptionsLike) => BrowserWindowLike
  ipcMain: {
    handle(channel: string, listener: (event: never, payload: unknown) => Promise<unknown>): void
    removeHandler(channel: string): void
  }
  protocol: {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void
  }
  session: { defaultSession: SessionLike }
  net: { request: NetRequest }
  safeStorage: {
    isEncryptionAvailable(): boolean
    getSelectedStorageBackend?(): string
    encryptString(plain: string): Buffer
    decryptString(encrypted: Buffer): string
  }
}
