/**
 * What the window's webPreferences must be (checklist rows 2–4, 6, 8–11). Every option that matters is set
 * explicitly, even where Electron's default is already safe, so that a change of default or a careless edit
 * shows up in a test and in Electronegativity. The literal types make a weaker value a type error: the window
 * (src/main/shell/window.ts) writes its options out in full and checks them with `satisfies`.
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
  /** Nothing enabled. */
  enableBlinkFeatures: ''
  /** Middle-click (auxclick) cannot open links in a new window. */
  disableBlinkFeatures: 'Auxclick'
  webviewTag: false
  navigateOnDragDrop: false
  spellcheck: false
  devTools: boolean
  safeDialogs: true
  disableDialogs: true
  autoplayPolicy: 'user-gesture-required'
}
