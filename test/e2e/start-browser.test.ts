import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ROOT } from './harness'

/**
 * `npm run start:browser` as a person meets it in the terminal: the address, where the data lives and how to
 * stop, and nothing else (the log lines go to the log file; --verbose shows them). `--no-build` here because the
 * other e2e files use the same build output, which a rebuild would empty for a moment; the build step's own
 * output is kept back the same way (scripts/start-browser.mjs).
 */
interface Started {
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  exited: Promise<number | null>
}

const running: Started[] = []
const folders: string[] = []

async function start(extra: string[] = []): Promise<Started & { dataDir: string }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'account-desk-start-'))
  folders.push(dataDir)
  // Its own process group, so the test can press "Ctrl+C" the way a terminal does: SIGINT to the whole group.
  const child = spawn(
    process.execPath,
    ['scripts/start-browser.mjs', '--no-build', '--port', '0', '--data-dir', dataDir, ...extra],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  )
  let out = ''
  let err = ''
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const started = { child, stdout: () => out, stderr: () => err, exited, dataDir }
  running.push(started)
  await expect.poll(() => out.includes('Stop:') || child.exitCode !== null, { timeout: 30_000 }).toBe(true)
  return started
}

const pressCtrlC = (child: ChildProcess) => {
  if (child.pid) process.kill(-child.pid, 'SIGINT')
}

afterEach(async () => {
  for (const started of running.splice(0)) {
    if (started.child.exitCode === null && started.child.pid) process.kill(-started.child.pid, 'SIGKILL')
  }
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true })
})

describe('npm run start:browser in the terminal', () => {
  it('prints the address, the data folder and how to stop, answers at the address, and stops on Ctrl+C', async () => {
    const { child, stdout, stderr, exited, dataDir } = await start()
    const lines = stdout().trimEnd().split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toBe('Account Desk (browser shell) is running.')
    const url = /^Open: (http:\/\/127\.0\.0\.1:\d+\/#secret=[0-9a-f]{64})$/.exec(lines[1] ?? '')?.[1]
    expect(url).toBeTruthy()
    const logFile = path.join(dataDir, 'logs', 'main.log')
    expect(lines[2]).toBe(`Data: ${dataDir} (log: ${logFile}). To start fresh, stop and delete that folder.`)
    expect(lines[3]).toBe('Stop: press Ctrl+C.')
    // No JSON log lines and no build chatter in the terminal: they are in the log file.
    expect(stderr()).toBe('')
    const page = await fetch(new URL(url ?? '').origin)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root">')
    const logged = (await readFile(logFile, 'utf8')).trim().split('\n')
    expect(logged.length).toBeGreaterThan(0)
    for (const line of logged) expect(() => JSON.parse(line)).not.toThrow()

    pressCtrlC(child)
    expect(await exited).toBe(0)
    expect(stdout().trimEnd().split('\n').at(-1)).toBe('Account Desk stopped.')
    await expect(stat(path.join(dataDir, 'browser-shell.json'))).rejects.toThrow()
  })

  it('shows the log lines too with --verbose', async () => {
    const { child, stderr, exited } = await start(['--verbose'])
    await expect
      .poll(() => stderr(), { timeout: 10_000 })
      .toMatch(/^\{"time":"[^"]+","level":"info","event":"/m)
    pressCtrlC(child)
    expect(await exited).toBe(0)
  })
})
