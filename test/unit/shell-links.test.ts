import { rm, stat } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLogger } from '../../src/main/log'
import { startShell } from '../../src/main/shell/start'
import { channelOf, type AppInfo, type LinkEvent } from '../../src/shared/contract'
import { createFakeElectron } from '../helpers/fake-electron'
import { ARGV_INJECTIONS, windowsArgv } from './links-fixtures'
import { corpDataDir } from '../helpers/shell-data-dir'

const TOKEN = 'diusln-88aa9a15913d435fa538b434f728f58d'
const LINK = `accountdesk://accounts.example.com/reset/MQ/${TOKEN}`
const LINK2 = `accountdesk://accounts.example.com/reset/Mg/diuslq-0123456789abcdef0123456789abcdef`

let dataDir: string
let logLines: string[]
beforeEach(async () => {
  dataDir = await corpDataDir('account-desk-shell-')
  logLines = []
})
afterEach(async () => {
  // Nothing the shell logged across a test may carry a token, whatever happened.
  expect(logLines.join('\n')).not.toContain(TOKEN)
  expect(logLines.join('\n')).not.toContain('88aa9a15913d435fa538b434f728f58d')
  await rm(dataDir, { recursive: true, force: true })
})

async function quitAndWait(fake: ReturnType<typeof createFakeElectron>) {
  if (!fake.app.quitCalled) fake.app.quit()
  await vi.waitFor(() => expect(fake.app.quitCalled).toBe(true), { timeout: 20_000 })
}

async function boot(
  argv: string[],
  platform = 'linux',
  beforeReady?: (f: ReturnType<typeof createFakeElectron>) => void,
) {
  const fake = createFakeElectron({ userData: dataDir })
  const logger = createLogger((line) => logLines.push(line), 'debug')
  const { ready } = startShell(
    fake.electron,
    { argv, platform, env: {}, execPath: '/opt/ad/account-desk' },
    { outDir: '/x', logger },
  )
  beforeReady?.(fake)
  fake.fireReady()
  await ready
  const win = fake.windows()[0]!
  const links = () =>
    win.webContents.sent.filter((m) => m.channel === channelOf('onLink')).map((m) => m.payload as LinkEvent)
  const rendererReady = () => fake.invoke(channelOf('rendererReady'), {})
  return { fake, win, links, rendererReady }
}

describe('links reach the renderer through one queue', () => {
  it('cold start (Windows/Linux): the link in argv waits for the renderer, then arrives once as a handle', async () => {
    const { links, rendererReady } = await boot(['/opt/ad/account-desk', '--no-sandbox', '--', LINK])
    expect(links()).toEqual([])
    await rendererReady()
    const events = links()
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ type: 'link', link: { serverId: 'corp', serverName: 'Corp' } })
    expect(JSON.stringify(events)).not.toContain(TOKEN)
    await rendererReady()
    expect(links()).toHaveLength(1)
  })

  it('macOS cold start: open-url fired before ready is kept', async () => {
    const { links, rendererReady } = await boot(
      ['/Applications/Account Desk.app/Contents/MacOS/Account Desk'],
      'darwin',
      (f) => {
        let prevented = false
        f.app.emit('open-url', { preventDefault: () => (prevented = true) }, LINK)
        expect(prevented).toBe(true)
      },
    )
    await rendererReady()
    expect(links()).toMatchObject([{ type: 'link', link: { serverId: 'corp' } }])
  })

  it('a running app: second-instance argv (any order) brings the link and focuses the window', async () => {
    const { fake, win, links, rendererReady } = await boot(['/opt/ad/account-desk'])
    await rendererReady()
    win.minimized = true
    fake.app.emit('second-instance', {}, ['/opt/ad/account-desk', LINK, '--', '--enable-logging'], '/home/u')
    await new Promise((r) => setImmediate(r))
    expect(links()).toMatchObject([{ type: 'link', link: { serverId: 'corp' } }])
    expect(win.restored).toBe(1)
    expect(win.focused).toBeGreaterThan(0)
  })

  it('two links in a row arrive in order, each once', async () => {
    const { fake, links, rendererReady } = await boot(['/opt/ad/account-desk'])
    fake.app.emit('open-url', { preventDefault() {} }, LINK)
    fake.app.emit('open-url', { preventDefault() {} }, LINK2)
    await new Promise((r) => setImmediate(r))
    expect(links()).toEqual([])
    await rendererReady()
    const events = links()
    expect(events).toHaveLength(2)
    expect(events.map((e) => e.type)).toEqual(['link', 'link'])
    expect((events[0] as { link: { handle: string } }).link.handle).not.toBe(
      (events[1] as { link: { handle: string } }).link.handle,
    )
  })

  it('argument injection and unknown hosts never become links', async () => {
    const { links, rendererReady } = await boot([
      '/opt/ad/account-desk',
      '--gpu-launcher=calc.exe',
      'accountdesk://evil.example/reset/MQ/' + TOKEN,
    ])
    await rendererReady()
    expect(links()).toMatchObject([{ type: 'refused' }])
  })

  it('registers the scheme with the -- guard on Windows', async () => {
    const fake = createFakeElectron({ userData: dataDir })
    startShell(
      fake.electron,
      {
        argv: ['C:\\ad\\Account Desk.exe'],
        platform: 'win32',
        env: {},
        execPath: 'C:\\ad\\Account Desk.exe',
      },
      { outDir: '/x', logger: createLogger(() => {}) },
    )
    expect(fake.app.protocolClients).toEqual([
      { protocol: 'accountdesk', path: 'C:\\ad\\Account Desk.exe', args: ['--'] },
    ])
  })
})

describe('switches are read only before the -- guard', () => {
  const demoRunning = async (argv: string[], platform: string) => {
    const { fake } = await boot(argv, platform)
    const info = (await fake.invoke(channelOf('getAppInfo'), {})) as { ok: boolean; value: AppInfo }
    await quitAndWait(fake)
    return info.value.demo.running
  }

  it.each(ARGV_INJECTIONS)('a crafted link cannot start the demo server: %s', async (link) => {
    expect(await demoRunning(windowsArgv('C:\\ad\\Account Desk.exe', link), 'win32')).toBe(false)
  })

  it('--demo before the guard does', async () => {
    expect(await demoRunning(['/opt/ad/account-desk', '--demo', '--', LINK], 'linux')).toBe(true)
  })
})

describe('quitting', () => {
  it('holds the quit until the services have stopped and written their files, then quits', async () => {
    const { fake } = await boot(['/opt/ad/account-desk', '--demo'])
    fake.app.quit()
    // The first quit is held (preventDefault in before-quit) while the demo server writes its store.
    expect(fake.app.quitCalled).toBe(false)
    await quitAndWait(fake)
    await expect(stat(path.join(dataDir, 'demo-server.json'))).resolves.toBeTruthy()
  })
})
