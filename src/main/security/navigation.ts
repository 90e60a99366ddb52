import type { ShellWebContents } from '../shell/electron-types'
import { isAppOrigin } from './origin'

/**
 * Checklist rows 11–14 in one place: the shell hands every web-contents event here.
 * `will-navigate`, `will-redirect`, `will-frame-navigate` are prevented unless the target is the app itself;
 * `will-attach-webview` is always prevented; every new window is denied.
 */
export type NavigationContents = Pick<ShellWebContents, 'on' | 'setWindowOpenHandler'>

const lockedDown = new WeakSet<NavigationContents>()

/** Idempotent: a web contents handed in twice (web-contents-created and the window) is guarded once. */
export function lockDownWebContents(
  contents: NavigationContents,
  opts: { devServerUrl?: string; onBlocked?: (what: string) => void } = {},
): void {
  if (lockedDown.has(contents)) return
  lockedDown.add(contents)
  const guard = (name: string) => (details: { url: string; preventDefault(): void }) => {
    if (!isAppOrigin(details.url, opts.devServerUrl)) {
      details.preventDefault()
      opts.onBlocked?.(name)
    }
  }
  contents.on('will-navigate', guard('will-navigate'))
  contents.on('will-redirect', guard('will-redirect'))
  contents.on('will-frame-navigate', guard('will-frame-navigate'))
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    opts.onBlocked?.('will-attach-webview')
  })
  contents.setWindowOpenHandler(() => {
    opts.onBlocked?.('window-open')
    return { action: 'deny' }
  })
}
