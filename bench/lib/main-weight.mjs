// Row 6: the main process's start-up weight. Electron evaluates out/main/index.js, and every chunk it requires
// at top level, before `ready`; chunks behind import() load only when the code gets there. So "eager" is the
// entry chunk plus its static requires of local chunks, and the modules in it are read from the `// path`
// comments the (unminified) bundle carries.
//
// What the window needs before `ready` is the shell: src/main/index.ts, src/main/shell/ (lifecycle, window),
// the link wiring and the security helpers it registers, the logger, and the shared names. Everything else
// (services, backends, HTTP, storage, policy, demo server, IPC handlers, zod, axios) can load after `ready`.
//
// Load time: a fresh Node process puts a fake `electron` (every call answers, `whenReady` never resolves) in the
// require cache, then times require() of the bundle. Median of `runs` processes.
import { spawnSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { median } from './stats.mjs'

export const SHELL_MODULES = [
  /^\(chunk runtime\)$/,
  /^\\0rolldown\/runtime\.js$/,
  /^src\/main\/index\.ts$/,
  /^src\/main\/shell\//,
  /^src\/main\/links\/(wire-protocol-links|deferred-intake|argv|scheme-name|index)\.ts$/,
  /^src\/main\/security\/(navigation|permissions|origin|app-protocol|csp|web-preferences|external-links)\.ts$/,
  /^src\/main\/log\.ts$/,
  /^src\/shared\/(app|channels)\.ts$/,
]
export const isShellModule = (module) => SHELL_MODULES.some((re) => re.test(module))

/** Modules of an unminified chunk with their bytes, in bundle order. */
export function chunkModules(code) {
  const modules = []
  let current = { module: '(chunk runtime)', bytes: 0 }
  modules.push(current)
  for (const line of code.split('\n')) {
    // The bundler starts each module with a `// <path>` line; paths outside the project (a linked
    // node_modules) come relative, so everything up to `node_modules/` is dropped.
    const match = /^\/\/ ((?:\\0)?[^\s]+\.(?:[cm]?[jt]sx?|json))$/.exec(line)
    if (match) {
      const at = match[1].lastIndexOf('node_modules/')
      current = { module: at >= 0 ? match[1].slice(at) : match[1], bytes: 0 }
      modules.push(current)
    }
    current.bytes += Buffer.byteLength(line) + 1
  }
  const merged = new Map()
  for (const m of modules) merged.set(m.module, (merged.get(m.module) ?? 0) + m.bytes)
  return [...merged].map(([module, bytes]) => ({ module, bytes }))
}

/** Local chunks required at top level (not inside `() => require(…)`, which is how import() is emitted). */
export function staticLocalRequires(code) {
  const found = []
  for (const match of code.matchAll(/(=>\s*)?require\(\s*["'](\.\.?\/[^"']+)["']\s*\)/g))
    if (!match[1]) found.push(match[2])
  return found
}

export function analyseMain(mainDir) {
  const entry = path.join(mainDir, 'index.js')
  const files = readdirSync(mainDir, { recursive: true }).filter((f) => f.endsWith('.js'))
  const total = files.reduce((sum, f) => sum + readFileSync(path.join(mainDir, f)).length, 0)
  const eagerFiles = []
  const pending = [entry]
  while (pending.length > 0) {
    const file = pending.shift()
    if (eagerFiles.includes(file)) continue
    eagerFiles.push(file)
    for (const ref of staticLocalRequires(readFileSync(file, 'utf8')))
      pending.push(path.resolve(path.dirname(file), ref))
  }
  let eagerBytes = 0
  let eagerGzip = 0
  const modules = []
  for (const file of eagerFiles) {
    const data = readFileSync(file)
    eagerBytes += data.length
    eagerGzip += gzipSync(data, { level: 9 }).length
    modules.push(...chunkModules(data.toString('utf8')))
  }
  const shell = modules.filter((m) => isShellModule(m.module))
  const rest = modules.filter((m) => !isShellModule(m.module))
  const group = (list) => {
    const by = new Map()
    for (const m of list) {
      const key = m.module.startsWith('node_modules/')
        ? m.module.split('/').slice(0, 2).join('/')
        : m.module.split('/').slice(0, 3).join('/')
      by.set(key, (by.get(key) ?? 0) + m.bytes)
    }
    return [...by].sort((a, b) => b[1] - a[1]).map(([group, bytes]) => ({ group, bytes }))
  }
  return {
    files: files.length,
    totalBytes: total,
    entryBytes: readFileSync(entry).length,
    eagerFiles: eagerFiles.map((f) => path.relative(mainDir, f)),
    eagerBytes,
    eagerGzip,
    eagerModules: modules.length,
    shellBytes: shell.reduce((a, m) => a + m.bytes, 0),
    shellModules: shell.length,
    notShellBytes: rest.reduce((a, m) => a + m.bytes, 0),
    notShellModules: rest.length,
    notShellGroups: group(rest).slice(0, 15),
  }
}

// Runs in a fresh Node process: fake electron, then time require() of the bundle.
const LOAD_SCRIPT = `
const Module = require('node:module')
const { performance } = require('node:perf_hooks')
const calls = []
const fake = (name) => new Proxy(function () {}, {
  get(_t, key) {
    if (key === 'then') return undefined
    if (key === 'whenReady') return () => { calls.push('app.whenReady'); return new Promise(() => {}) }
    if (key === 'requestSingleInstanceLock') return () => true
    if (key === 'isPackaged') return false
    if (key === 'getPath') return () => require('node:os').tmpdir()
    if (key === 'getVersion') return () => '0.0.0'
    if (key === 'name') return 'Account Desk'
    if (key === Symbol.toPrimitive) return () => name
    return fake(name + '.' + String(key))
  },
  apply() { calls.push(name); return fake(name + '()') },
  construct() { calls.push('new ' + name); return fake('new ' + name) },
})
// A plain object (the bundle copies own properties of the module), each member a recording stand-in.
const electron = {}
for (const key of ['app', 'protocol', 'session', 'net', 'safeStorage', 'ipcMain', 'shell', 'BrowserWindow',
  'dialog', 'Menu', 'nativeTheme', 'screen', 'webContents', 'contextBridge', 'ipcRenderer']) electron[key] = fake(key)
const resolve = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  if (request === 'electron') return 'electron'
  return resolve.call(this, request, ...rest)
}
require.cache['electron'] = { id: 'electron', filename: 'electron', loaded: true, exports: electron }
const before = new Set(Object.keys(require.cache))
const t0 = performance.now()
require(process.argv[1])
const ms = performance.now() - t0
const loaded = Object.keys(require.cache).filter((k) => !before.has(k))
process.stdout.write(JSON.stringify({ ms, loaded, createdWindow: calls.some((c) => /BrowserWindow/.test(c)), calls: calls.slice(0, 40) }))
`

export function timeMainLoad(mainDir, runs = 15) {
  const times = []
  let last = null
  for (let i = 0; i < runs + 2; i++) {
    const result = spawnSync(process.execPath, ['-e', LOAD_SCRIPT, path.resolve(mainDir, 'index.js')], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RENDERER_URL: '' },
    })
    if (result.status !== 0) throw new Error(`loading the main bundle failed:\n${result.stderr.slice(-3000)}`)
    last = JSON.parse(result.stdout)
    if (i >= 2) times.push(last.ms)
  }
  return {
    ms: median(times),
    samples: times,
    requiredFiles: last.loaded.length,
    calls: last.calls,
    createdWindow: last.createdWindow,
  }
}
