// Starts the built browser shell the way test/e2e/harness.ts does: a fresh data folder, servers (and accounts)
// written before start, `--port 0`, and the `Open: http://127.0.0.1:PORT/#secret=…` line read from stdout.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

/**
 * @param {object} opts
 * @param {string} opts.entry           the built browser shell (…/browser-shell/index.cjs)
 * @param {string} [opts.rendererDir]   serve this folder instead of the app's renderer (the baseline page)
 * @param {object[]} [opts.servers]     settings.json servers
 * @param {object[]} [opts.accounts]    accounts.json accounts (src/main/storage/app-files.ts accountsFileSchema)
 */
export async function startShell(opts) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'account-desk-bench-'))
  if (opts.servers)
    writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ version: 1, servers: opts.servers }))
  if (opts.accounts)
    writeFileSync(
      path.join(dataDir, 'accounts.json'),
      JSON.stringify({ version: 1, accounts: opts.accounts }),
    )
  const args = [opts.entry, '--port', '0', '--data-dir', dataDir, '--no-demo']
  if (opts.rendererDir) args.push('--renderer-dir', opts.rendererDir)
  const started = performance.now()
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env })
  let output = ''
  child.stdout.on('data', (d) => (output += d.toString()))
  child.stderr.on('data', (d) => (output += d.toString()))
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser shell did not start:\n${output}`)), 60_000)
    child.stdout.on('data', () => {
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#secret=[0-9a-f]+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`browser shell exited with ${code}:\n${output}`))
    })
  })
  const startMs = performance.now() - started
  const state = JSON.parse(readFileSync(path.join(dataDir, 'browser-shell.json'), 'utf8'))
  const origin = new URL(url).origin

  /** One bridge call from Node, as the page makes it. */
  const invoke = async (name, request = {}) => {
    const response = await fetch(`${origin}/__shell/invoke/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-account-desk-secret': state.secret },
      body: JSON.stringify(request),
    })
    return response.json()
  }

  return {
    url,
    origin,
    dataDir,
    secret: state.secret,
    startMs,
    entry: opts.entry,
    invoke,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
        await exited
        clearTimeout(timer)
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
