import { describe, expect, it } from 'vitest'
import { lockDownWebContents } from '../../src/main/security/navigation'
import { isAppOrigin } from '../../src/main/security/origin'

/**
 * Checklist rows 11–14: the navigation guard and the origin test it relies on, at their edges (every guarded
 * event, a guard installed twice, an unparsable URL, the development server's origin).
 */
type Handler = (details: { url?: string; preventDefault(): void }) => void

function fakeContents() {
  const listeners = new Map<string, Handler>()
  let registrations = 0
  let openHandler: (() => unknown) | undefined
  const contents = {
    on(event: string, listener: (...args: never[]) => void) {
      registrations++
      listeners.set(event, listener as Handler)
      return contents
    },
    setWindowOpenHandler(handler: (...args: never[]) => unknown) {
      openHandler = handler as () => unknown
    },
  }
  return { contents, listeners, open: () => openHandler?.(), registrations: () => registrations }
}

function fire(listener: Handler | undefined, url?: string) {
  let prevented = 0
  listener?.({ preventDefault: () => void prevented++, ...(url === undefined ? {} : { url }) })
  return prevented
}

describe('lockDownWebContents (checklist rows 11–14)', () => {
  for (const name of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
    it(`${name}: prevents leaving the app and reports it`, () => {
      const { contents, listeners } = fakeContents()
      const blocked: string[] = []
      lockDownWebContents(contents, { onBlocked: (what) => blocked.push(what) })
      const listener = listeners.get(name)
      expect(listener).toBeDefined()
      expect(fire(listener, 'https://evil.example/')).toBe(1)
      expect(fire(listener)).toBe(1)
      expect(blocked).toEqual([name, name])
      expect(fire(listener, 'app://account-desk/index.html')).toBe(0)
      expect(blocked).toHaveLength(2)
    })
  }

  it('allows the development server only when given, and prevents without an onBlocked', () => {
    const dev = fakeContents()
    lockDownWebContents(dev.contents, { devServerUrl: 'http://localhost:5173/' })
    expect(fire(dev.listeners.get('will-navigate'), 'http://localhost:5173/#/home')).toBe(0)
    expect(fire(dev.listeners.get('will-navigate'), 'http://localhost:5174/')).toBe(1)
    const packaged = fakeContents()
    lockDownWebContents(packaged.contents)
    expect(fire(packaged.listeners.get('will-navigate'), 'http://localhost:5173/')).toBe(1)
    expect(fire(packaged.listeners.get('will-attach-webview'))).toBe(1)
    expect(packaged.open()).toEqual({ action: 'deny' })
  })

  it('always prevents a webview and denies every new window, reporting each', () => {
    const { contents, listeners, open } = fakeContents()
    const blocked: string[] = []
    lockDownWebContents(contents, { onBlocked: (what) => blocked.push(what) })
    expect(fire(listeners.get('will-attach-webview'))).toBe(1)
    expect(open()).toEqual({ action: 'deny' })
    expect(blocked).toEqual(['will-attach-webview', 'window-open'])
  })

  it('guards a web contents handed in twice only once', () => {
    const { contents, registrations } = fakeContents()
    lockDownWebContents(contents)
    const once = registrations()
    lockDownWebContents(contents)
    expect(once).toBe(4)
    expect(registrations()).toBe(once)
  })
})

describe('isAppOrigin at its edges', () => {
  it.each(['not a url', 'http://[', '//account-desk/'])('refuses the unparsable %s', (url) => {
    expect(isAppOrigin(url)).toBe(false)
    expect(isAppOrigin(url, 'http://localhost:5173')).toBe(false)
  })

  it('accepts the app origin with or without a path, and not with a password only', () => {
    expect(isAppOrigin('app://account-desk')).toBe(true)
    expect(isAppOrigin('app://:pw@account-desk/')).toBe(false)
  })

  it('accepts the dev server origin only when one is given and parses', () => {
    const dev = 'http://localhost:5173/'
    expect(isAppOrigin('http://localhost:5173/index.html', dev)).toBe(true)
    expect(isAppOrigin('http://localhost:5173/index.html')).toBe(false)
    expect(isAppOrigin('http://localhost:5174/', dev)).toBe(false)
    expect(isAppOrigin('https://localhost:5173/', dev)).toBe(false)
    expect(isAppOrigin('http://localhost:5173/', 'not a url')).toBe(false)
    expect(isAppOrigin('https://evil.example/', dev)).toBe(false)
  })

  it('never matches two opaque ("null") origins', () => {
    expect(isAppOrigin('file:///srv/index.html', 'file:///srv/index.html')).toBe(false)
    expect(isAppOrigin('data:text/html,x', 'data:text/html,x')).toBe(false)
  })
})
