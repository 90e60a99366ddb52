import { describe, expect, it } from 'vitest'
import {
  registrationArgs,
  wireProtocolLinks,
  type ProtocolProcess,
} from '../../src/main/links/wire-protocol-links'
import { FakeApp, recordingLogger } from './links-harness'

// The protocol wiring's edges: what reaches the intake from malformed OS events, and what the log and the
// result say when locking, focusing or registering goes wrong.
const proc = (over: Partial<ProtocolProcess> = {}): ProtocolProcess => ({
  argv: ['/opt/Account Desk/account-desk', 'accountdesk://x'],
  platform: 'linux',
  defaultApp: false,
  execPath: '/opt/Account Desk/account-desk',
  ...over,
})

function recordingSink() {
  const calls: { kind: 'url' | 'argv'; value: unknown; source: string }[] = []
  return {
    calls,
    sink: {
      scheme: 'accountdesk',
      fromUrl: (value: string, source: string) => calls.push({ kind: 'url', value, source }),
      fromArgv: (value: readonly string[], source: string) => calls.push({ kind: 'argv', value, source }),
    },
  }
}

function wire(app: FakeApp, over: Partial<ProtocolProcess> = {}, focusWindow = () => {}) {
  const logs = recordingLogger()
  const { calls, sink } = recordingSink()
  const wiring = wireProtocolLinks({
    app,
    process: proc(over),
    scheme: 'accountdesk',
    isDev: false,
    intake: sink,
    focusWindow,
    logger: logs.logger,
  })
  return { wiring, calls, lines: logs.lines }
}

describe('protocol wiring edges', () => {
  it('hands the cold-start command line to the intake as the argv source', () => {
    const { calls } = wire(new FakeApp())
    expect(calls).toEqual([{ kind: 'argv', value: proc().argv, source: 'argv' }])
  })

  it('passes an empty link and an empty command line for malformed OS events, never their raw values', () => {
    const app = new FakeApp()
    const { calls } = wire(app, { platform: 'darwin' })
    app.emit('open-url', { preventDefault() {} }, { href: 'accountdesk://x' })
    app.emit('second-instance', {}, 'accountdesk://x', '/', {})
    expect(calls).toEqual([
      { kind: 'url', value: '', source: 'open-url' },
      { kind: 'argv', value: [], source: 'second-instance' },
    ])
  })

  it('logs the hand-over when another instance holds the lock', () => {
    const app = new FakeApp()
    app.lockAvailable = false
    const { wiring, lines, calls } = wire(app)
    expect(wiring).toEqual({ primary: false })
    expect(lines).toEqual([
      JSON.stringify({ level: 'info', event: 'another instance is running; handing over and exiting' }),
    ])
    expect(calls).toEqual([])
  })

  it('logs a window that cannot be focused, and still takes the link', () => {
    const app = new FakeApp()
    const { lines, calls } = wire(app, { platform: 'darwin' }, () => {
      throw new Error('destroyed')
    })
    app.openUrl('accountdesk://x')
    expect(calls).toEqual([{ kind: 'url', value: 'accountdesk://x', source: 'open-url' }])
    expect(lines).toContain(JSON.stringify({ level: 'warn', event: 'could not focus the window' }))
  })

  it('says why, at error level, when the scheme name cannot be registered, even without a logger', () => {
    const app = new FakeApp()
    const logs = recordingLogger()
    const options = {
      app,
      process: proc(),
      scheme: 'Account Desk',
      isDev: false,
      intake: { ...recordingSink().sink, scheme: 'Account Desk' },
      focusWindow: () => {},
    }
    const wiring = wireProtocolLinks({ ...options, logger: logs.logger })
    if (!wiring.primary || wiring.registered) throw new Error('registered')
    const problem = wiring.registrationProblem
    expect(problem).toMatch(/\w+ \w+/)
    expect(logs.lines).toEqual([
      JSON.stringify({ level: 'error', event: 'protocol handler not registered', fields: { problem } }),
    ])
    expect(wireProtocolLinks(options)).toEqual(wiring)
  })

  it('reports a registration that throws as not registered, with a reason, and logs it', () => {
    const app = new FakeApp()
    app.setAsDefaultProtocolClient = () => {
      throw new Error('no desktop entry')
    }
    const { wiring, lines } = wire(app)
    expect(wiring).toEqual({
      primary: true,
      scheme: 'accountdesk',
      registered: false,
      registrationProblem: 'The system did not register Account Desk as the handler of its links.',
    })
    expect(lines).toContain(
      JSON.stringify({ level: 'warn', event: 'the system did not accept the protocol handler registration' }),
    )
  })

  it('logs nothing about registration when the system accepts it', () => {
    const { wiring, lines } = wire(new FakeApp())
    expect(wiring).toEqual({ primary: true, scheme: 'accountdesk', registered: true })
    expect(lines).toEqual([])
  })

  it('does not register the development scheme when the app path is empty, and says why', () => {
    const r = registrationArgs('accountdesk-dev', proc({ defaultApp: true, argv: ['electron', ''] }))
    expect(r).toEqual({
      ok: false,
      problem: 'Started without an app path: the development scheme is not registered.',
    })
  })
})
