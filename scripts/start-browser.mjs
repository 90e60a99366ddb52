// `npm run start:browser`: builds the app (renderer + browser shell) and starts the browser shell.
// With `--open-link <url>` it only hands the link to the shell that is already running.
// The build's own output (Vite's chunk-size and config-loader warnings) is shown only when the build fails, or
// with --verbose; `--no-build` starts what the last build made.
import { spawnSync, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const verbose = args.includes('--verbose')
const noBuild = args.includes('--no-build')
const shellArgs = args.filter((arg) => arg !== '--no-build')

if (!args.includes('--open-link') && !noBuild) {
  console.log('Building Account Desk…')
  const build = spawnSync('npm', ['run', '--silent', 'build'], {
    cwd: root,
    stdio: verbose ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  })
  if (build.status !== 0) {
    if (!verbose) process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`)
    console.error('The build failed (its output is above).')
    process.exit(build.status ?? 1)
  }
}
const child = spawn(process.execPath, [path.join(root, 'out/browser-shell/index.cjs'), ...shellArgs], {
  stdio: 'inherit',
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
