/**
 * The one place the window's webPreferences are decided (checklist rows 2–4, 6, 8–11). Every option that
 * matters is set explicitly, even where Electron's default is already safe, so that a change of default or a
 * careless edit shows up in a test and in Electronegativity.
 */
export interface SecureWebPreferences {
  preload: string
  sandbox: true
  contextIsolation: true
  nodeIntegration: false
  nodeIntegrationInWorker: false
  nodeIntegrationInSubFrames: false
  webSecurity: true
  allowRunningInsecureContent: false
  experimentalFeatures: false
  enableBlinkFeatures: ''
  webviewTag: false
  navigateOnDragDrop: false
  spellcheck: false
  devTools: boolean
  safeDialogs: true
  disableDialogs: true
  autoplayPolicy: 'user-gesture-required'
}

export function secureWebPreferences(preload: string, opts: { devTools: boolean }): SecureWebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: opts.devTools,
    safeDialogs: true,
    disableDialogs: true,
    autoplayPolicy: 'user-gesture-required',
  }
}
