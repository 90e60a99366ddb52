import { APP_ORIGIN } from '../../shared/app'
import { lockDownWebContents } from '../security/navigation'
import type { SecureWebPreferences } from '../security/web-preferences'
import type { ShellBrowserWindow, ShellElectron } from './electron-types'

export const RENDERER_ENTRY = `${APP_ORIGIN}/index.html`

/** Creates the one window, locked down, loading the renderer from the app protocol (or the dev server). */
export function createMainWindow(
  electron: Pick<ShellElectron, 'BrowserWindow'>,
  opts: {
    preload: string
    title: string
    devServerUrl?: string
    devTools: boolean
    onBlocked?: (what: string) => void
  },
): ShellBrowserWindow {
  // Written out in full, on a plain `new BrowserWindow({...})`, so that Electronegativity (which only reads a
  // literal object passed to a constructor named BrowserWindow) checks every option; `satisfies` makes any
  // weaker value a type error.
  const { BrowserWindow } = electron
  const win = new BrowserWindow({
    width: 980,
    height: 720,
    minWidth: 640,
    minHeight: 520,
    show: false,
    title: opts.title,
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: true,
    webPreferences: {
      preload: opts.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '', // eng-disable BLINK_FEATURES_JS_CHECK -- an empty list enables no Blink feature
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: opts.devTools,
      safeDialogs: true,
      disableDialogs: true,
      autoplayPolicy: 'user-gesture-required',
    } satisfies SecureWebPreferences,
  })
  lockDownWebContents(win.webContents, {
    devServerUrl: opts.devServerUrl,
    onBlocked: opts.onBlocked,
  })
  // The title is the product name, always: never a server's page title, never a link.
  win.on('page-title-updated', (event) => event.preventDefault())
  win.once('ready-to-show', () => win.show())
  void win.loadURL(opts.devServerUrl ?? RENDERER_ENTRY)
  return win
}

export function focusWindow(win: ShellBrowserWindow | null): void {
  if (!win || win.isDestroyed()) return
  if (win.isMinimized()) win.restore()
  win.show()
  win.focus()
}
