import os from 'node:os'
import path from 'node:path'
import { readFile } from 'node:fs/promises'
import { APP_PROTOCOL } from '../../shared/app'
import { devSchemeOf, runtimeBranding } from '../config/runtime-branding'
import { channelOf } from '../../shared/channels'
import type { EventName, EventPayloadOf } from '../../shared/contract'
import { createLogger, type Logger } from '../log'
import { createLogFile } from '../log-file'
import { createAppProtocolHandler } from '../security/app-protocol'
import { createSystemOpener } from '../security/external-links'
import { appLanguages } from './app-languages'
import { isAppOrigin } from '../security/origin'
import { denyDevicePermission, denyPermissionCheck, denyPermissionRequest } from '../security/permissions'
import { lockDownWebContents } from '../security/navigation'
import { createDeferredIntake } from '../links/deferred-intake'
import { switchesOf } from '../links/argv'
import { linksWillNotOpenNotice } from '../links/registration-notice'
import { effectiveScheme, wireProtocolLinks } from '../links/wire-protocol-links'
import type { Services } from '../services'
import type { ShellBrowserWindow, ShellElectron } from './electron-types'
import { createRendererRecovery, rendererErrorPage } from './renderer-recovery'
import { createMainWindow, focusWindow } from './window'

export interface ShellProcess {
  argv: string[]
  platform: string
  env: Record<string, string | undefined>
  defaultApp?: boolean
  execPath: string
  /** Node's, Electron's and Chromium's versions (`process.versions`), for the diagnostics view. */
  versions?: Record<string, string | undefined>
}

export interface ShellOptions {
  /** Folder holding out/main, out/preload, out/renderer (the built app). */
  outDir: string
  logger?: Logger
}

/**
 * The Electron shell: lifecycle, protocol, window, wiring. Every decision with logic lives in an Electron-free
 * module; this function only connects them, in the order Electron requires (privileged schemes and sandbox
 * before `ready`, `open-url` from load).
 */
export function startShell(
  electron: ShellElectron,
  proc: ShellProcess,
  opts: ShellOptions,
): { ready: Promise<void> } {
  const { app } = electron
  const devServerUrl = !app.isPackaged ? proc.env['ELECTRON_RENDERER_URL'] : undefined
  const isDev = !app.isPackaged
  const branding = runtimeBranding()
  const devScheme = devSchemeOf(branding.scheme)
  const scheme = effectiveScheme({ scheme: branding.scheme, devScheme, isDev })
  // The log file in the OS log folder, for IT (a packaged app's stderr goes nowhere); tests pass their own logger.
  const logFile = opts.logger
    ? null
    : createLogFile({
        dir: app.getPath('logs'),
        onError: (error) => console.error('The log file cannot be written:', String(error)),
      })
  const logger =
    opts.logger ??
    createLogger(
      (line) => {
        console.error(line)
        logFile?.sink(line)
      },
      isDev ? 'debug' : 'info',
    )

  app.enableSandbox()
  electron.protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_PROTOCOL,
      privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false },
    },
  ])

  let win: ShellBrowserWindow | null = null
  let services: Services | null = null

  // Links can arrive from load on (macOS `open-url` before `ready`, argv at cold start): they wait in the
  // deferred intake until the services exist, then go through the one queue.
  const links = createDeferredIntake(scheme)
  const wiring = wireProtocolLinks({
    app,
    process: proc,
    scheme: branding.scheme,
    devScheme,
    isDev,
    intake: links,
    focusWindow: () => focusWindow(win),
    logger,
  })
  if (!wiring.primary) return { ready: Promise.resolve() }

  const onBlocked = (what: string) => logger.warn('window.blocked', { what })
  // Every web contents, the main window's too (Electron announces it here as well; the lock-down is idempotent).
  app.on('web-contents-created', (_event, contents) =>
    lockDownWebContents(contents, { devServerUrl, onBlocked }),
  )
  app.on('window-all-closed', () => app.quit())

  const ready = app.whenReady().then(async () => {
    const ses = electron.session.defaultSession
    ses.setPermissionRequestHandler(denyPermissionRequest)
    ses.setPermissionCheckHandler(denyPermissionCheck)
    ses.setDevicePermissionHandler?.(denyDevicePermission)
    ses.protocol.handle(APP_PROTOCOL, createAppProtocolHandler(path.join(opts.outDir, 'renderer'), readFile))

    const emit = <K extends EventName>(name: K, payload: EventPayloadOf<K>) => {
      if (win && !win.isDestroyed()) win.webContents.send(channelOf(name), payload)
    }
    // Everything with weight (backends, HTTP, storage, policy) loads after `ready`, off the start-up path.
    const [{ createServices }, { registerHandlers }, { createNetRequestFetch }, { policyLocation }] =
      await Promise.all([
        import('../services'),
        import('../ipc/register'),
        import('../http/net-request-fetch'),
        import('../config/policy-paths'),
      ])
    services = await createServices({
      shell: 'electron',
      appName: app.name,
      version: app.getVersion(),
      platform: proc.platform,
      scheme,
      dataDir: app.getPath('userData'),
      fetch: createNetRequestFetch((options) => electron.net.request(options)),
      logger,
      emit,
      safeStorage: electron.safeStorage,
      now: () => new Date(),
      languages: () => appLanguages(app),
      demo: switchesOf(proc.argv).includes('--demo') ? 'on' : 'auto',
      policy: policyLocation({
        platform: proc.platform,
        env: proc.env,
        productName: branding.productName,
        publisher: branding.publisher,
        appId: branding.appId,
        execPath: proc.execPath,
        packaged: app.isPackaged,
      }),
      brandingServers: branding.defaultServers,
      openExternal: createSystemOpener(electron.shell),
      shellNotices: wiring.registered ? [] : [linksWillNotOpenNotice(app.name)],
      diagnostics: {
        runtime: {
          electron: proc.versions?.['electron'],
          chrome: proc.versions?.['chrome'],
          node: proc.versions?.['node'],
        },
        os: `${os.type()} ${os.release()} (${os.arch()})`,
        logFile: logFile?.path ?? null,
        recentLog: () => logFile?.recent() ?? [],
      },
    })
    registerHandlers(electron.ipcMain, services.handlers, {
      isAppUrl: (url) => isAppOrigin(url, devServerUrl),
      logger,
    })
    win = createMainWindow(electron, {
      preload: path.join(opts.outDir, 'preload', 'index.js'),
      title: app.name,
      devServerUrl,
      devTools: isDev,
      onBlocked,
    })
    // The main frame committed a new document (a reload, or the page after a crash): hold links until that
    // page says it is ready again. Not when a navigation only starts: Electron fires did-start-navigation
    // before will-navigate, so a navigation the lock-down blocks would hold links for ever.
    const contents = win.webContents
    contents.on('did-navigate', () => services?.rendererGone())
    const recovery = createRendererRecovery({
      holdLinks: () => services?.rendererGone(),
      reload: () => contents.reload(),
      showErrorPage: () => void contents.loadURL(rendererErrorPage(app.name)),
      now: Date.now,
      onEvent: (event, reason) => logger.error(event, { reason }),
    })
    contents.on('render-process-gone', (_event, details) => {
      if (!contents.isDestroyed()) recovery.gone(details.reason)
    })
    links.attach(services.links)
  })
  // Stopping writes the data files (the demo server's store): hold the quit until that is done, then quit again.
  // Electron: preventDefault() in 'before-quit' stops the quit (docs/api/app.md, event 'before-quit').
  let stopped = false
  let stopping: Promise<void> | null = null
  app.on('before-quit', (event) => {
    if (stopped || !services) return
    event.preventDefault()
    stopping ??= services
      .stop()
      .catch((error: unknown) => logger.error('shell.stop-failed', { error: String(error) }))
      .finally(() => {
        stopped = true
        app.quit()
      })
  })
  return { ready }
}
