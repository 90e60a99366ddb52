import { isAppOrigin } from './origin'

/**
 * Checklist rows 11–14 in one place: the shell hands every web-contents event here.
 * `will-navigate`, `will-redirect`, `will-frame-navigate` are prevented unless the target is the app itself;
 * `will-attach-webview` is always prevented; every new window is denied.
 */
export interface PreventableEvent {
  preventDefault(): void
}
export interface NavigationDetails {
  url: string
}

export interface WebContentsLike {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate',
    listener: (...args: never[]) => void,
  ): unknown
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

/** Electron passes either (event, url) or an event carrying `url` depending on the event and version. */
export function navigationTarget(event: unknown, url: unknown): string | undefined {
  if (typeof url === 'string') return url
  if (
    event &&
    typeof event === 'object' &&
    'url' in event &&
    typeof (event as NavigationDetails).url === 'string'
  ) {
    return (event as NavigationDetails).url
  }
  return undefined
}

export function lockDownWebContents(
  contents: WebContentsLike,
  opts: { devServerUrl?: string; onBlocked?: (what: string) => void } = {},
): void {
  const guard = (name: string) => (event: PreventableEvent, url?: string) => {
    const target = navigationTarget(event, url)
    if (!isAppOrigin(target, opts.devServerUrl)) {
      event.preventDefault()
      opts.onBlocked?.(name)
    }
  }
  contents.on('will-navigate', guard('will-navigate') as never)
  contents.on('will-redirect', guard('will-redirect') as never)
  contents.on('will-frame-navigate', guard('will-frame-navigate') as never)
  contents.on('will-attach-webview', (event: PreventableEvent) => {
    event.preventDefault()
    opts.onBlocked?.('will-attach-webview')
  })
  contents.setWindowOpenHandler(() => {
    opts.onBlocked?.('window-open')
    return { action: 'deny' }
  })
}
