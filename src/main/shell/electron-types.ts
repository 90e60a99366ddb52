/**
 * The shell's view of Electron, derived from the `electron` package's own declarations (electron.d.ts, 45.x).
 * `import type` only: nothing here loads Electron at run time, so the shell runs under the fake
 * (test/helpers/fake-electron.ts), which is declared `satisfies ShellElectron`.
 *
 * Plain methods are `Pick`ed from Electron's interfaces. Events are the one exception: Electron's `on(...)`
 * overloads return `this` (the whole App / WebContents), which no fake can be, so each event the shell listens
 * to is written out below with Electron's own parameter types, returning `unknown`. `ElectronFits` at the end
 * makes tsc check Electron's real objects against every line of this view, so an event or a method that
 * drifts from electron.d.ts fails `npm run typecheck` (and src/main/index.ts passes the real module in, no cast).
 */
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Event,
  IpcMain,
  IpcMainInvokeEvent,
  Protocol,
  RenderProcessGoneDetails,
  SafeStorage,
  Session,
  Shell,
  WebContents,
  WebContentsDidStartNavigationEventParams,
  WebContentsWillFrameNavigateEventParams,
  WebContentsWillNavigateEventParams,
  WebContentsWillRedirectEventParams,
} from 'electron'
import type { NetRequest } from '../http/net-request-fetch'
import type { IpcInvokeEventLike, IpcMainLike } from '../ipc/register'

export type { Event as ElectronEvent, RenderProcessGoneDetails } from 'electron'

export interface ShellWebContents extends Pick<
  WebContents,
  'send' | 'setWindowOpenHandler' | 'isDestroyed' | 'reload' | 'loadURL'
> {
  on(event: 'will-navigate', listener: (details: Event<WebContentsWillNavigateEventParams>) => void): unknown
  on(
    event: 'will-frame-navigate',
    listener: (details: Event<WebContentsWillFrameNavigateEventParams>) => void,
  ): unknown
  on(event: 'will-redirect', listener: (details: Event<WebContentsWillRedirectEventParams>) => void): unknown
  on(event: 'will-attach-webview', listener: (event: Event) => void): unknown
  on(
    event: 'did-start-navigation',
    listener: (details: Event<WebContentsDidStartNavigationEventParams>) => void,
  ): unknown
  /** A main-frame navigation committed a new document (not in-page). */
  on(
    event: 'did-navigate',
    listener: (event: Event, url: string, httpResponseCode: number, httpStatusText: string) => void,
  ): unknown
  on(
    event: 'did-frame-navigate',
    listener: (
      event: Event,
      url: string,
      httpResponseCode: number,
      httpStatusText: string,
      isMainFrame: boolean,
      frameProcessId: number,
      frameRoutingId: number,
    ) => void,
  ): unknown
  on(
    event: 'render-process-gone',
    listener: (event: Event, details: RenderProcessGoneDetails) => void,
  ): unknown
}

export interface ShellBrowserWindow extends Pick<
  BrowserWindow,
  'loadURL' | 'show' | 'focus' | 'restore' | 'isMinimized' | 'isDestroyed'
> {
  readonly webContents: ShellWebContents
  once(event: 'ready-to-show', listener: () => void): unknown
  on(
    event: 'page-title-updated',
    listener: (event: Event, title: string, explicitSet: boolean) => void,
  ): unknown
}

/**
 * The shell only ever denies (src/main/security/permissions.ts), reading none of the handlers' arguments, so the
 * handlers are typed by what they take; `ElectronFits` checks that Electron's Session accepts them.
 */
export interface ShellSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void
  setPermissionCheckHandler(handler: () => boolean): void
  setDevicePermissionHandler(handler: () => boolean): void
  readonly protocol: Pick<Protocol, 'handle'>
}

export interface ShellApp extends Pick<
  App,
  | 'name'
  | 'isPackaged'
  | 'getVersion'
  | 'getPath'
  | 'getLocale'
  | 'getPreferredSystemLanguages'
  | 'enableSandbox'
  | 'whenReady'
  | 'quit'
  | 'exit'
  | 'requestSingleInstanceLock'
  | 'setAsDefaultProtocolClient'
> {
  on(event: 'web-contents-created', listener: (event: Event, webContents: ShellWebContents) => void): unknown
  on(event: 'window-all-closed', listener: () => void): unknown
  on(event: 'before-quit', listener: (event: Event) => void): unknown
  on(event: 'open-url', listener: (event: Event, url: string) => void): unknown
  on(
    event: 'second-instance',
    listener: (event: Event, argv: string[], workingDirectory: string, additionalData: unknown) => void,
  ): unknown
}

/** Electron's safeStorage, through the asynchronous API only (the synchronous calls are deprecated in 45). */
export type ShellSafeStorage = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>

export interface ShellElectron {
  app: ShellApp
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => ShellBrowserWindow
  /** register.ts's view of `ipcMain` (the event fields it reads); `ElectronFits` checks Electron's against it. */
  ipcMain: IpcMainLike
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>
  session: { defaultSession: ShellSession }
  /** `net.request`, seen through net-request-fetch's own interface (checked against Electron's below). */
  net: { request: NetRequest }
  safeStorage: ShellSafeStorage
  /** The OS opener, used only through security/external-links.ts's createSystemOpener. */
  shell: Pick<Shell, 'openExternal'>
}

/** Compiles only while `Actual` fits `View`. */
type Fits<Actual extends View, View> = Actual
/** Electron's real objects must fit the view; tsc reports the first line that no longer does. */
export type ElectronFits = [
  Fits<App, ShellApp>,
  Fits<Shell, Pick<Shell, 'openExternal'>>,
  Fits<WebContents, ShellWebContents>,
  Fits<BrowserWindow, ShellBrowserWindow>,
  Fits<Session, ShellSession>,
  Fits<Pick<IpcMain, 'handle' | 'removeHandler'>, IpcMainLike>,
  Fits<IpcMainInvokeEvent, IpcInvokeEventLike>,
  Fits<typeof import('electron'), ShellElectron>,
]
