/**
 * What the shell does when the renderer process goes away (a crash, an out-of-memory kill): hold links (the
 * page that would take them is gone), then reload the page, at most `maxReloads` times in `windowMs`; past
 * that, show a plain error page instead of reloading in a loop. Electron-free: the shell passes the window's
 * reload and error-page loading in.
 */
export const MAX_RELOADS_PER_MINUTE = 3
const MINUTE_MS = 60_000

export interface RendererRecovery {
  /** The renderer process is gone (`render-process-gone`). */
  gone(reason: string): 'reloaded' | 'gave-up'
}

export function createRendererRecovery(opts: {
  holdLinks: () => void
  reload: () => void
  showErrorPage: () => void
  now: () => number
  onEvent?: (event: 'renderer.reloaded' | 'renderer.gave-up', reason: string) => void
  maxReloads?: number
  windowMs?: number
}): RendererRecovery {
  const max = opts.maxReloads ?? MAX_RELOADS_PER_MINUTE
  const windowMs = opts.windowMs ?? MINUTE_MS
  const reloads: number[] = []
  return {
    gone(reason) {
      opts.holdLinks()
      const now = opts.now()
      while (reloads.length > 0 && now - (reloads[0] ?? 0) >= windowMs) reloads.shift()
      if (reloads.length >= max) {
        opts.onEvent?.('renderer.gave-up', reason)
        opts.showErrorPage()
        return 'gave-up'
      }
      reloads.push(now)
      opts.onEvent?.('renderer.reloaded', reason)
      opts.reload()
      return 'reloaded'
    },
  }
}

/** The page shown when the renderer keeps failing: static, no script, nothing from the app's state. */
export function rendererErrorPage(productName: string): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${esc(productName)}</title><style>body{font:16px system-ui,sans-serif;margin:3rem;max-width:40rem;color:#1f2328}</style></head><body><h1>${esc(productName)} stopped working</h1><p>Its window failed several times in a row, so it was not restarted again.</p><p>Quit ${esc(productName)} and open it again. If this keeps happening, tell your IT team; the log file in the app's log folder says what happened.</p></body></html>`
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`
}
