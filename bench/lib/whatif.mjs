// "What if": the proposed fixes, applied to copies in bench/.build (never to src/ or the project's config), built
// and measured in the same run, so the report can say what each fix changes. Each returns { skipped, reason }
// when the file it patches no longer has the lines it expects (someone changed it: the fix needs a new look).
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

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

// Fix 2: before `ready`, the main process loads the shell only. Each step applies where start.ts still has the
// line it changes (some may already be done in src); what moves goes behind import() inside whenReady.
const LAZY_STEPS = [
  {
    name: 'services by import()',
    from: "import { createServices, type Services } from '../services'",
    to: "import type { Services } from '../services'",
    lazy: "const { createServices } = await import('../services')",
  },
  {
    name: 'IPC handlers by import()',
    from: "import { registerHandlers } from '../ipc/register'\n",
    to: '',
    lazy: "const { registerHandlers } = await import('../ipc/register')",
  },
  {
    name: 'net.request fetch by import()',
    from: "import { createNetRequestFetch } from '../http/net-request-fetch'\n",
    to: '',
    lazy: "const { createNetRequestFetch } = await import('../http/net-request-fetch')",
  },
  {
    name: 'policy path by import() (policy.ts builds zod schemas at load)',
    from: "import { policyLocation } from '../config/policy'\n",
    to: '',
    lazy: "const { policyLocation } = await import('../config/policy-paths')",
  },
  {
    name: 'channelOf from shared/channels (contract.ts builds zod schemas at load)',
    from: "import { channelOf, type EventName, type EventPayloadOf } from '../../shared/contract'",
    to: "import { channelOf } from '../../shared/channels'\nimport type { EventName, EventPayloadOf } from '../../shared/contract'",
  },
  {
    name: 'links wiring from its own files, not the links index (the parser imports profile.ts, zod)',
    from: "import { createDeferredIntake, effectiveScheme, wireProtocolLinks } from '../links'",
    to: "import { createDeferredIntake } from '../links/deferred-intake'\nimport { effectiveScheme, wireProtocolLinks } from '../links/wire-protocol-links'",
  },
  {
    name: 'branding embedded at build time used as is (runtime-branding.ts parses it with zod)',
    from: "from '../config/runtime-branding'",
    to: "from '__BENCH_DIR__/runtime-branding'",
    branding: true,
  },
]
const READY_LINE = 'const ready = app.whenReady().then(async () => {'

const ZOD_FREE_BRANDING = [
  [
    "import { runtimeBrandingSchema, type RuntimeBranding } from './branding'",
    "import type { RuntimeBranding } from './branding'",
  ],
  [
    'export const STOCK_BRANDING: RuntimeBranding = runtimeBrandingSchema.parse({',
    'export const STOCK_BRANDING = ({',
  ],
  [
    ': runtimeBrandingSchema.parse(__ACCOUNT_DESK_BRANDING__)',
    ': (__ACCOUNT_DESK_BRANDING__ as RuntimeBranding)',
  ],
]

const absolutise = (source, fromDir) =>
  source.replace(/(from |import\()'(\.\.?\/[^']+)'/g, (_m, lead, spec) => {
    return `${lead}'${path.resolve(fromDir, spec).split(path.sep).join('/')}'`
  })

/** Fix 2: the main process loads only the shell before `ready`. Returns the steps it applied. */
export function buildLazyMain(root, dir) {
  let patched = readFileSync(path.join(root, 'src/main/shell/start.ts'), 'utf8')
  if (!patched.includes(READY_LINE))
    return { skipped: true, reason: `src/main/shell/start.ts has no "${READY_LINE}"` }
  mkdirSync(dir, { recursive: true })
  const applied = []
  const lazy = []
  for (const step of LAZY_STEPS) {
    if (!patched.includes(step.from)) continue
    if (step.branding) {
      let branding = readFileSync(path.join(root, 'src/main/config/runtime-branding.ts'), 'utf8')
      if (!ZOD_FREE_BRANDING.every(([from]) => branding.includes(from))) continue
      for (const [from, to] of ZOD_FREE_BRANDING) branding = branding.replace(from, to)
      writeFileSync(
        path.join(dir, 'runtime-branding.ts'),
        absolutise(branding, path.join(root, 'src/main/config')),
      )
    }
    patched = patched.replace(step.from, step.to.replace('__BENCH_DIR__', dir.split(path.sep).join('/')))
    if (step.lazy) lazy.push(step.lazy)
    applied.push(step.name)
  }
  if (applied.length === 0)
    return { skipped: true, reason: 'nothing left to apply: start.ts already has every step' }
  patched = patched.replace(READY_LINE, [READY_LINE, ...lazy.map((l) => `    ${l}`)].join('\n'))
  // The copy lives in bench/.build: point its relative imports back at src/main/shell.
  patched = absolutise(patched, path.join(root, 'src/main/shell'))
  writeFileSync(path.join(dir, 'start.ts'), patched)
  const index = readFileSync(path.join(root, 'src/main/index.ts'), 'utf8')
  if (!index.includes("from './shell/start'"))
    return { skipped: true, reason: "src/main/index.ts no longer imports './shell/start'" }
  writeFileSync(
    path.join(dir, 'index.ts'),
    absolutise(
      index.replace("from './shell/start'", "from '__START__'"),
      path.join(root, 'src/main'),
    ).replace('__START__', path.join(dir, 'start').split(path.sep).join('/')),
  )
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
  return { dir: path.join(dir, 'out', 'main'), applied }
}
