// "What if": the proposed fixes, applied to copies in bench/.build (never to src/ or the project's config), built
// and measured in the same run, so the report can say what each fix changes. Each returns { skipped, reason }
// when the file it patches no longer has the lines it expects (someone changed it: the fix needs a new look).
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

function electronVite(root, config, outDir) {
  rmSync(outDir, { recursive: true, force: true })
  const result = spawnSync(
    path.join(root, 'node_modules', '.bin', 'electron-vite'),
    ['build', '-c', config, '--outDir', outDir, '--logLevel', 'error'],
    { cwd: root, encoding: 'utf8' },
  )
  if (result.status !== 0)
    throw new Error(`what-if build failed:\n${result.stdout}\n${result.stderr}`.slice(-4000))
}

export const SEQUENTIAL_LOAD = `    const load = async () => {
      const info = await settle(() => bridge.getAppInfo({}))
      if (!info.ok) {
        set({ status: 'failed', startError: info.error })
        return
      }
      set({ info: info.value })
      await get().refresh()
      set({ status: 'ready' })`

export const PARALLEL_LOAD = `    const load = async () => {
      // The app's info, servers and accounts in one round trip instead of two.
      const [info] = await Promise.all([settle(() => bridge.getAppInfo({})), get().refresh()])
      if (!info.ok) {
        set({ status: 'failed', startError: info.error })
        return
      }
      set({ info: info.value, status: 'ready' })`

/**
 * Fix 1: the renderer minified (electron-vite turns minification off for the renderer unless asked).
 * With `parallelLoad`, fix 5 as well: the store's first load asks for everything at once.
 */
export function buildMinifiedRenderer(root, dir, { parallelLoad = false } = {}) {
  if (parallelLoad) {
    const store = readFileSync(path.join(root, 'src/renderer/src/store/store.ts'), 'utf8')
    if (!store.includes(SEQUENTIAL_LOAD))
      return {
        skipped: true,
        reason: 'src/renderer/src/store/store.ts no longer has the load() this fix changes',
      }
  }
  mkdirSync(dir, { recursive: true })
  const config = path.join(dir, 'electron.vite.config.ts')
  const project = path.relative(dir, path.join(root, 'electron.vite.config')).split(path.sep).join('/')
  const plugin = parallelLoad
    ? `{
    name: 'bench-whatif-parallel-load',
    enforce: 'pre' as const,
    transform(code: string, id: string) {
      if (!id.endsWith('/src/renderer/src/store/store.ts')) return null
      if (!code.includes(${JSON.stringify(SEQUENTIAL_LOAD)})) throw new Error('the parallel-load patch did not apply')
      return code.replace(${JSON.stringify(SEQUENTIAL_LOAD)}, ${JSON.stringify(PARALLEL_LOAD)})
    },
  }`
    : ''
  writeFileSync(
    config,
    `import base from '${project}'
const b = base as any
export default {
  renderer: {
    ...b.renderer,
    plugins: [${plugin}${plugin ? ', ' : ''}...(b.renderer.plugins ?? [])],
    build: { ...b.renderer.build, minify: true },
  },
}
`,
  )
  electronVite(root, config, path.join(dir, 'out'))
  return { dir: path.join(dir, 'out', 'renderer') }
}

const START_REPLACEMENTS = [
  [
    "import { channelOf, type EventName, type EventPayloadOf } from '../../shared/contract'",
    "import { channelOf } from '../../shared/channels'\nimport type { EventName, EventPayloadOf } from '../../shared/contract'",
  ],
  ["import { registerHandlers } from '../ipc/register'\n", ''],
  ["import { createNetRequestFetch } from '../http/net-request-fetch'\n", ''],
  [
    "import { createDeferredIntake, effectiveScheme, wireProtocolLinks } from '../links'",
    "import { createDeferredIntake } from '../links/deferred-intake'\nimport { effectiveScheme, wireProtocolLinks } from '../links/wire-protocol-links'",
  ],
  [
    "import { createServices, type Services } from '../services'",
    "import type { Services } from '../services'",
  ],
  [
    'const ready = app.whenReady().then(async () => {',
    `const ready = app.whenReady().then(async () => {
    const [{ createServices }, { registerHandlers }, { createNetRequestFetch }] = await Promise.all([
      import('../services'),
      import('../ipc/register'),
      import('../http/net-request-fetch'),
    ])`,
  ],
]

/** Fix 2: the main process loads only the shell before `ready`; services, IPC handlers and HTTP come by import(). */
export function buildLazyMain(root, dir) {
  const startSource = readFileSync(path.join(root, 'src/main/shell/start.ts'), 'utf8')
  let patched = startSource
  for (const [from, to] of START_REPLACEMENTS) {
    if (!patched.includes(from))
      return { skipped: true, reason: `src/main/shell/start.ts no longer has: ${from.split('\n')[0]}` }
    patched = patched.replace(from, to)
  }
  // The copy lives in bench/.build: point its relative imports back at src/main/shell.
  const shellDir = path.join(root, 'src/main/shell')
  patched = patched.replace(/(from |import\()'(\.\.?\/[^']+)'/g, (_m, lead, spec) => {
    return `${lead}'${path.resolve(shellDir, spec).split(path.sep).join('/')}'`
  })
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'start.ts'), patched)
  const index = readFileSync(path.join(root, 'src/main/index.ts'), 'utf8')
  if (!index.includes("from './shell/start'"))
    return { skipped: true, reason: "src/main/index.ts no longer imports './shell/start'" }
  writeFileSync(path.join(dir, 'index.ts'), index.replace("from './shell/start'", "from './start'"))
  // The project's own main config (branding define included), with the copy as its entry.
  const config = path.join(dir, 'electron.vite.config.ts')
  const project = path.relative(dir, path.join(root, 'electron.vite.config')).split(path.sep).join('/')
  writeFileSync(
    config,
    `import base from '${project}'
const b = base as any
const input = { index: ${JSON.stringify(path.join(dir, 'index.ts'))} }
export default { main: { ...b.main, build: { ...b.main.build, rollupOptions: { ...b.main.build.rollupOptions, input } } } }
`,
  )
  electronVite(root, config, path.join(dir, 'out'))
  return { dir: path.join(dir, 'out', 'main') }
}

const CLIENT_REPLACEMENTS = [
  [
    '    env: { fetch: deps.fetch },',
    '    env: { fetch: capResponseBytes(deps.fetch, MAX_RESPONSE_BYTES) },',
  ],
  ['    maxContentLength: MAX_RESPONSE_BYTES,\n', ''],
]

/** The response cap of fix 3, as it would be added to src/main/http/client.ts. */
export const CAP_RESPONSE_BYTES = `
/**
 * The response size cap, outside axios: a body that declares its length (uncompressed) within the cap passes
 * untouched; any other is counted as it is read and fails past the cap with axios's own message, so
 * transport-errors.ts still reports it as TOO_LARGE. (axios's maxContentLength re-streams every body.)
 */
export function capResponseBytes(fetchFn: FetchLike, max: number): FetchLike {
  const tooLarge = () => new Error(\`maxContentLength size of \${max} exceeded\`)
  return async (input, init) => {
    const response = await fetchFn(input, init)
    const declared = response.headers.get('content-length')
    const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity'
    if (!response.body) return response
    if (declared !== null && /^\\d+$/.test(declared) && !encoded) {
      if (Number(declared) > max) throw tooLarge()
      return response
    }
    let seen = 0
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength
          if (seen > max) controller.error(tooLarge())
          else controller.enqueue(chunk)
        },
      }),
    )
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers })
  }
}
`

/** Fix 3's patch of src/main/http/client.ts, for the Vite transform of the what-if client bundle. */
export function patchHttpClient(source) {
  let patched = source
  for (const [from, to] of CLIENT_REPLACEMENTS) {
    if (!patched.includes(from)) return null
    patched = patched.replace(from, to)
  }
  return patched + CAP_RESPONSE_BYTES
}

const DIRECT_REPLACEMENTS = [
  [
    '      const response = await instance.request<string>({',
    '      const response = await fetchDirect(capResponseBytes(deps.fetch, MAX_RESPONSE_BYTES), {',
  ],
]

/** Fix 4 (for comparison): the same client calling fetch itself, without axios. */
export const FETCH_DIRECT = `
/** What axios did for this client, with fetch alone: one request, no redirect followed, the body as text. */
async function fetchDirect(
  fetchFn: FetchLike,
  r: { method: string; url: string; data?: string; headers: Record<string, string>; signal: AbortSignal },
): Promise<{ status: number; headers: Record<string, string | string[]>; data: string }> {
  const response = await fetchFn(r.url, {
    method: r.method,
    headers: r.headers,
    body: r.data,
    signal: r.signal,
    redirect: 'manual',
    cache: 'no-store',
    credentials: 'omit',
  })
  const headers: Record<string, string | string[]> = {}
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) headers['set-cookie'] = cookies
  return { status: response.status, headers, data: await response.text() }
}
`

export function patchHttpClientDirect(source) {
  let patched = patchHttpClient(source)
  if (!patched) return null
  for (const [from, to] of DIRECT_REPLACEMENTS) {
    if (!patched.includes(from)) return null
    patched = patched.replace(from, to)
  }
  return patched + FETCH_DIRECT
}

/** Fix 3: the app's client with the response cap moved out of axios. */
export async function buildCappedClientLib(root, dir, patch = patchHttpClient) {
  const source = readFileSync(path.join(root, 'src/main/http/client.ts'), 'utf8')
  if (!patchHttpClient(source))
    return {
      skipped: true,
      reason: 'src/main/http/client.ts no longer has the axios options this fix changes',
    }
  const { build } = await import(pathToFileURL(path.join(root, 'node_modules/vite/dist/node/index.js')).href)
  const patchedFiles = []
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: [
      {
        name: 'bench-whatif-http-client',
        // Before TypeScript is stripped: the patch matches the source as written.
        enforce: 'pre',
        transform(code, id) {
          if (!id.endsWith(path.join('src', 'main', 'http', 'client.ts'))) return null
          const patched = patch(code)
          if (!patched) throw new Error('the what-if patch of src/main/http/client.ts did not apply')
          patchedFiles.push(id)
          return patched
        },
      },
    ],
    build: {
      ssr: path.join(root, 'bench', 'client-entry.mjs'),
      outDir: dir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'client.mjs' } },
    },
  })
  if (patchedFiles.length !== 1)
    throw new Error('the what-if client bundle does not hold the patched HTTP client')
  return { file: path.join(dir, 'client.mjs') }
}
