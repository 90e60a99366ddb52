import path from 'node:path'
import type { ShellApp } from '../../src/main/shell/electron-types'
import { describe, expect, it, vi } from 'vitest'
import { createDeferredIntake } from '../../src/main/links/deferred-intake'
const SEVERAL_LINKS_MESSAGE = { code: 'link.several' }
import { refusalMessage } from '../../src/main/links/parse-reset-link'
import {
  effectiveScheme,
  registrationArgs,
  wireProtocolLinks,
  type ProtocolApp,
  type ProtocolProcess,
} from '../../src/main/links/wire-protocol-links'
import { createLogger } from '../../src/main/log'
import { linkEventSchema, type LinkEvent } from '../../src/shared/contract'
import { TOKEN } from './links-fixtures'
import { FakeApp, linkPipeline, recordingLogger } from './links-harness'

// The shell's view of Electron's `App` (checked against electron.d.ts there) must fit what the wiring asks for.
const _shellAppFits = (app: ShellApp): ProtocolApp => app
void _shellAppFits

const LINK = `accountdesk://accounts.example.com/reset/MQ/${TOKEN}`
const TOKEN2 = 'diusm9-ebe60d05df678b6b4ac3f20f93a9f498'
const LINK2 = `accountdesk://127.0.0.1:49149/accounts/reset/Mg/${TOKEN2}/`

const proc = (over: Partial<ProtocolProcess> = {}): ProtocolProcess => ({
  argv: ['C:\\Program Files\\Account Desk\\Account Desk.exe'],
  platform: 'win32',
  defaultApp: false,
  execPath: 'C:\\Program Files\\Account Desk\\Account Desk.exe',
  ...over,
})

function setup(over: { process?: Partial<ProtocolProcess>; isDev?: boolean; scheme?: string } = {}) {
  const app = new FakeApp()
  const isDev = over.isDev ?? false
  const scheme = effectiveScheme({ scheme: over.scheme ?? 'accountdesk', isDev })
  const p = linkPipeline({ scheme })
  const focusWindow = vi.fn()
  const wiring = wireProtocolLinks({
    app,
    process: proc(over.process),
    scheme: over.scheme ?? 'accountdesk',
    isDev,
    intake: p.intake,
    focusWindow,
  })
  const tokenOf = (e: LinkEvent | undefined) =>
    e?.type === 'link' ? p.handles.take(e.link.handle)?.token : undefined
  return { app, wiring, focusWindow, tokenOf, ...p }
}

describe('protocol wiring', () => {
  it('Windows cold start: reads the link from argv, holds it until the renderer is ready, registers with --', () => {
    const s = setup({ process: { argv: ['C:\\AD\\Account Desk.exe', '--', LINK] } })
    expect(s.wiring).toEqual({ primary: true, scheme: 'accountdesk', registered: true })
    expect(s.app.registrations).toEqual([
      { protocol: 'accountdesk', path: 'C:\\Program Files\\Account Desk\\Account Desk.exe', args: ['--'] },
    ])
    expect(s.delivered).toEqual([])
    s.queue.markReady()
    expect(s.delivered).toHaveLength(1)
    expect(linkEventSchema.parse(s.delivered[0])).toEqual(s.delivered[0])
    expect(s.tokenOf(s.delivered[0])).toBe(TOKEN)
    s.queue.markReady()
    expect(s.delivered).toHaveLength(1)
  })

  it('Linux cold start: the link is wherever it is in argv; registration has no arguments', () => {
    const s = setup({
      process: {
        platform: 'linux',
        execPath: '/opt/ad/account-desk',
        argv: ['/opt/ad/account-desk', '--no-sandbox', LINK],
      },
    })
    expect(s.app.registrations).toEqual([{ protocol: 'accountdesk' }])
    s.queue.markReady()
    expect(s.tokenOf(s.delivered[0])).toBe(TOKEN)
  })

  it('macOS cold start: open-url before ready is prevented, kept, and delivered after ready; argv is not read', () => {
    const s = setup({
      process: {
        platform: 'darwin',
        execPath: '/Applications/AD.app/Contents/MacOS/AD',
        argv: ['/x', LINK2],
      },
    })
    expect(s.app.listenerCount('open-url')).toBe(1)
    expect(s.app.openUrl(LINK)).toBe(true)
    expect(s.focusWindow).toHaveBeenCalledTimes(1)
    expect(s.delivered).toEqual([])
    s.queue.markReady()
    expect(s.delivered).toHaveLength(1)
    expect(s.tokenOf(s.delivered[0])).toBe(TOKEN)
    expect(s.app.registrations).toEqual([{ protocol: 'accountdesk' }])
  })

  it('running app: second-instance delivers the link from reordered argv and focuses the window', () => {
    const s = setup()
    s.queue.markReady()
    s.app.secondInstance([
      '--original-process-start-time=1',
      LINK2,
      'C:\\AD\\Account Desk.exe',
      '--',
      '--allow-file-access-from-files',
    ])
    expect(s.focusWindow).toHaveBeenCalledTimes(1)
    expect(s.delivered).toHaveLength(1)
    expect(s.delivered[0]).toMatchObject({
      type: 'link',
      link: { serverId: 'forms', serverName: 'Local Django' },
    })
    expect(s.tokenOf(s.delivered[0])).toBe(TOKEN2)
  })

  it('a second launch without a link only focuses the window', () => {
    const s = setup()
    s.queue.markReady()
    s.app.secondInstance(['C:\\AD\\Account Desk.exe'])
    expect(s.focusWindow).toHaveBeenCalledTimes(1)
    expect(s.delivered).toEqual([])
  })

  it('two links in a row, from different sources, arrive once each, in order, with their own handles', () => {
    const s = setup({ process: { argv: ['C:\\AD\\Account Desk.exe', '--', LINK] } })
    s.app.secondInstance(['C:\\AD\\Account Desk.exe', '--', LINK2])
    s.queue.markReady()
    s.app.openUrl(LINK2)
    s.app.secondInstance(['x', '--', `accountdesk://evil.test/reset/MQ/${TOKEN}`])
    expect(s.delivered.map((e) => (e.type === 'link' ? e.link.serverId : e.message))).toEqual([
      'acme',
      'forms',
      'forms',
      refusalMessage('unknown-server'),
    ])
    const handles = s.delivered.flatMap((e) => (e.type === 'link' ? [e.link.handle] : []))
    expect(new Set(handles).size).toBe(3)
    expect(s.delivered.map(s.tokenOf)).toEqual([TOKEN, TOKEN2, TOKEN2, undefined])
  })

  it('refuses a command line with two links rather than choosing', () => {
    const s = setup()
    s.queue.markReady()
    s.app.secondInstance(['x', '--', LINK, LINK2])
    expect(s.delivered).toEqual([{ type: 'refused', message: SEVERAL_LINKS_MESSAGE }])
    expect(s.handles.size()).toBe(0)
  })

  it('an injected Chromium switch carrying a link produces no link', () => {
    const s = setup({ process: { argv: ['app.exe', `--gpu-launcher=${LINK}`, '--', 'accountdesk://x" '] } })
    s.queue.markReady()
    expect(s.delivered).toEqual([{ type: 'refused', message: refusalMessage('bad-characters') }])
    expect(s.handles.size()).toBe(0)
  })

  it('lost lock: exits at once, listens to nothing, registers nothing', () => {
    const app = new FakeApp()
    app.lockAvailable = false
    const p = linkPipeline()
    const wiring = wireProtocolLinks({
      app,
      process: proc({ argv: ['x', '--', LINK] }),
      scheme: 'accountdesk',
      isDev: false,
      intake: p.intake,
      focusWindow: () => {},
    })
    expect(wiring).toEqual({ primary: false })
    expect(app.exitCalls).toEqual([0])
    expect(app.listenerCount('open-url') + app.listenerCount('second-instance')).toBe(0)
    expect(app.registrations).toEqual([])
    expect(p.queue.pending()).toBe(0)
  })

  it('development: the dev scheme, registered with the app path before the -- guard', () => {
    const s = setup({
      isDev: true,
      process: {
        defaultApp: true,
        execPath: '/work/node_modules/electron/dist/electron',
        argv: [
          '/work/node_modules/electron/dist/electron',
          '.',
          '--',
          'accountdesk-dev://accounts.example.com/reset/MQ/' + TOKEN,
        ],
      },
    })
    expect(s.wiring).toEqual({ primary: true, scheme: 'accountdesk-dev', registered: true })
    expect(s.app.registrations).toEqual([
      {
        protocol: 'accountdesk-dev',
        path: '/work/node_modules/electron/dist/electron',
        args: [path.resolve('.'), '--'],
      },
    ])
    s.queue.markReady()
    expect(s.tokenOf(s.delivered[0])).toBe(TOKEN)
    // …and the packaged scheme is not taken in development.
    s.app.openUrl(LINK)
    expect(s.delivered[1]).toEqual({
      type: 'refused',
      message: refusalMessage('unsupported-scheme', 'accountdesk-dev'),
    })
  })

  it('registration arguments per platform and mode', () => {
    expect(registrationArgs('accountdesk', proc({ platform: 'darwin' }))).toEqual({
      ok: true,
      scheme: 'accountdesk',
    })
    expect(registrationArgs('accountdesk', proc({ platform: 'win32', execPath: 'C:\\a.exe' }))).toEqual({
      ok: true,
      scheme: 'accountdesk',
      path: 'C:\\a.exe',
      args: ['--'],
    })
    expect(registrationArgs('accountdesk-dev', proc({ defaultApp: true, argv: ['electron'] }))).toMatchObject(
      { ok: false },
    )
    expect(
      registrationArgs('accountdesk-dev', proc({ defaultApp: true, argv: ['electron', '--inspect'] })),
    ).toMatchObject({
      ok: false,
    })
  })

  it.each([
    ['Account Desk', 'spaces'],
    ['AccountDesk', 'uppercase'],
    ['account_desk', 'underscore'],
    ['1desk', 'leading digit'],
    ['desk\\..\\..\\Software', 'registry path'],
    ['desk"%1', 'quote'],
    ['a', 'too short'],
    ['a'.repeat(65), 'too long'],
    ['https', 'a browser scheme'],
    ['file', 'a system scheme'],
    ['', 'empty'],
  ])('refuses to register the scheme name %j (%s) and says why', (scheme) => {
    const app = new FakeApp()
    const logs = recordingLogger()
    const wiring = wireProtocolLinks({
      app,
      process: proc(),
      scheme,
      isDev: false,
      intake: { scheme, fromUrl: () => {}, fromArgv: () => {} },
      focusWindow: () => {},
      logger: logs.logger,
    })
    expect(wiring).toMatchObject({
      primary: true,
      registered: false,
      registrationProblem: expect.any(String),
    })
    expect(app.registrations).toEqual([])
    expect(logs.lines.join('\n')).toContain('protocol handler not registered')
  })

  it('reports a registration the system refused, and survives a window that cannot be focused', () => {
    const app = new FakeApp()
    app.registerResult = false
    const p = linkPipeline()
    const wiring = wireProtocolLinks({
      app,
      process: proc(),
      scheme: 'accountdesk',
      isDev: false,
      intake: p.intake,
      focusWindow: () => {
        throw new Error('destroyed')
      },
    })
    expect(wiring).toMatchObject({ primary: true, registered: false })
    p.queue.markReady()
    expect(() => app.openUrl(LINK)).not.toThrow()
    expect(() => app.emit('open-url', undefined, undefined)).not.toThrow()
    expect(() => app.emit('second-instance', {}, 'not an array')).not.toThrow()
    expect(p.delivered.map((e) => e.type)).toEqual(['link', 'refused'])
  })

  it('refuses to wire an intake that takes another scheme', () => {
    const p = linkPipeline({ scheme: 'accountdesk' })
    expect(() =>
      wireProtocolLinks({
        app: new FakeApp(),
        process: proc(),
        scheme: 'accountdesk',
        isDev: true,
        intake: p.intake,
        focusWindow: () => {},
      }),
    ).toThrow(/accountdesk-dev/)
  })

  it('works with a deferred intake: links from load wait for the services', () => {
    const app = new FakeApp()
    const deferred = createDeferredIntake('accountdesk')
    wireProtocolLinks({
      app,
      process: proc({ platform: 'darwin' }),
      scheme: 'accountdesk',
      isDev: false,
      intake: deferred,
      focusWindow: () => {},
    })
    app.openUrl(LINK)
    const p = linkPipeline()
    deferred.attach(p.intake) // services created after ready
    app.openUrl(LINK2)
    p.queue.markReady()
    expect(p.delivered.map((e) => (e.type === 'link' ? e.link.serverId : e.type))).toEqual(['acme', 'forms'])
  })
})

describe('no token in the logs', () => {
  it('across cold start, open-url, second-instance, refusals, paste, take and discard', () => {
    const raw = recordingLogger()
    const formatted: string[] = []
    const logger = createLogger((line) => formatted.push(line), 'debug')
    // Both: what the code passes to the logger (raw) and what the real logger writes (formatted).
    const both = {
      debug: (e: string, f?: Record<string, unknown>) => (raw.logger.debug(e, f), logger.debug(e, f)),
      info: (e: string, f?: Record<string, unknown>) => (raw.logger.info(e, f), logger.info(e, f)),
      warn: (e: string, f?: Record<string, unknown>) => (raw.logger.warn(e, f), logger.warn(e, f)),
      error: (e: string, f?: Record<string, unknown>) => (raw.logger.error(e, f), logger.error(e, f)),
    }
    const app = new FakeApp()
    const p = linkPipeline({ logger: both })
    const uid = 'MTIzNDU2Nzg5MDEy'
    const mine = `accountdesk://accounts.example.com/reset/${uid}/${TOKEN}`
    wireProtocolLinks({
      app,
      process: proc({ argv: ['x', '--', mine] }),
      scheme: 'accountdesk',
      isDev: false,
      intake: p.intake,
      focusWindow: () => {},
      logger: both,
    })
    app.openUrl(LINK2)
    app.secondInstance(['x', '--', `${mine}?next=evil`])
    app.secondInstance(['x', '--', mine, LINK2])
    app.secondInstance(['x', '--', mine.replace('accounts.example.com', 'evil.test')])
    app.secondInstance(['x', '--', `${mine}/extra`])
    app.openUrl(mine.slice(0, -3))
    p.intake.register(mine, 'pasted')
    p.intake.register(`https://accounts.example.com/reset/${uid}/${TOKEN}x`, 'pasted')
    p.queue.markReady()
    for (const e of p.delivered) if (e.type === 'link') p.handles.take(e.link.handle)

    expect(raw.lines.length).toBeGreaterThanOrEqual(9)
    for (const lines of [raw.lines, formatted]) {
      const all = lines.join('\n')
      expect(all).not.toContain(TOKEN)
      expect(all).not.toContain(TOKEN2)
      expect(all).not.toContain(TOKEN.split('-')[1]!.slice(0, 12))
      expect(all).not.toContain(uid)
      expect(all).not.toContain('://')
      expect(all).not.toContain('accounts.example.com')
    }
    // The refusals the renderer is shown carry no token either.
    for (const e of p.delivered) expect(JSON.stringify(e)).not.toContain(TOKEN.slice(0, 10))
    // Every log line says where the link came from and what happened, nothing else.
    for (const line of raw.lines.filter((l) => l.includes('reset link'))) {
      expect(Object.keys(JSON.parse(line).fields).sort()).toEqual(['outcome', 'source'])
    }
  })
})
