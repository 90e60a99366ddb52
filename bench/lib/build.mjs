// Builds everything the benchmarks run, into bench/.build only (never into out/, which other people's tests
// use while the bench runs):
//   app/            the app as `npm run build` makes it (electron-vite with electron.vite.config.ts, then the
//                   browser shell with tools/browser-shell/vite.config.mts), only with another output folder
//   hello/dist/     the baseline: a bare React 19 page with a button, built by the same Vite and plugin-react
//   lib/client.mjs  the app's backend client (src/main/backends) and the Django test server starter, for Node
//   whatif-*/       the same builds with one proposed fix applied, to measure the fix's effect
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export const HELLO_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Hello</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="./main.jsx"></script>
  </body>
</html>
`

export const HELLO_MAIN = `import { StrictMode, useState } from 'react'
import { createRoot } from 'react-dom/client'

function Hello() {
  const [count, setCount] = useState(0)
  return (
    <main>
      <h1>Hello</h1>
      <button type="button" onClick={() => setCount(count + 1)}>
        Clicked {count} times
      </button>
    </main>
  )
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <Hello />
  </StrictMode>,
)
`

function run(root, command, args, what) {
  const started = Date.now()
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: process.env })
  if (result.status !== 0) {
    throw new Error(
      `${what} failed (exit ${result.status}):\n${(result.stdout ?? '').slice(-4000)}\n${(result.stderr ?? '').slice(-4000)}`,
    )
  }
  return Date.now() - started
}

const bin = (root, name) => path.join(root, 'node_modules', '.bin', name)

/** The app exactly as `npm run build` builds it, into `outDir` (absolute: electron-vite resolves the renderer's
 * output folder against the renderer root otherwise). `config` defaults to the project's own. */
export function buildApp(root, outDir, config = 'electron.vite.config.ts') {
  rmSync(outDir, { recursive: true, force: true })
  const ms = run(
    root,
    bin(root, 'electron-vite'),
    ['build', '-c', config, '--outDir', outDir, '--logLevel', 'warn'],
    'electron-vite build',
  )
  const shellMs = run(
    root,
    bin(root, 'vite'),
    [
      'build',
      '-c',
      'tools/browser-shell/vite.config.mts',
      '--outDir',
      path.join(outDir, 'browser-shell'),
      '--logLevel',
      'warn',
    ],
    'browser shell build',
  )
  return { ms: ms + shellMs, dir: outDir }
}

/** The baseline page, built by the same Vite with @vitejs/plugin-react and the app's asset settings. */
export async function buildHello(root, dir) {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'index.html'), HELLO_HTML)
  writeFileSync(path.join(dir, 'main.jsx'), HELLO_MAIN)
  const { build } = await import(pathToFileURL(path.join(root, 'node_modules/vite/dist/node/index.js')).href)
  const { default: react } = await import(
    pathToFileURL(path.join(root, 'node_modules/@vitejs/plugin-react/dist/index.js')).href
  )
  const started = Date.now()
  await build({
    configFile: false,
    root: dir,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir: path.join(dir, 'dist'),
      emptyOutDir: true,
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
    },
  })
  return { ms: Date.now() - started, dir: path.join(dir, 'dist') }
}

/** The app's backend client and the test servers' mail reader, bundled for plain Node (dependencies stay in
 * node_modules, except axios: bundled as the main process bundles it, with its fetch adapter only). */
export async function buildClientLib(root, dir) {
  const vite = await import(pathToFileURL(path.join(root, 'node_modules/vite/dist/node/index.js')).href)
  const { module: axiosPlugin } = await vite.runnerImport(path.join(root, 'tools/vite/axios-fetch-only.ts'))
  const started = Date.now()
  await vite.build({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: [axiosPlugin.axiosFetchOnly()],
    ssr: { noExternal: ['axios'] },
    build: {
      ssr: path.join(root, 'bench', 'client-entry.mjs'),
      outDir: dir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'client.mjs' } },
    },
  })
  return { ms: Date.now() - started, file: path.join(dir, 'client.mjs') }
}
