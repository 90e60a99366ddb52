// `npm run bench`: builds the app, its baselines and the proposed fixes into bench/.build, measures, prints one
// table (value, baseline, ratio, target, pass/fail) and writes bench/results.json. Not part of `npm test`.
// Every figure is compared with a baseline built and run in this same run: absolute times on these machines vary.
// See docs/performance.md for what each row means.
//
//   npm run bench                  everything (about 15-25 minutes on 2 cores, most of it the API rows)
//   npm run bench -- --quick       fewer runs, to try the bench itself (the counts the targets ask for are not met)
//   npm run bench -- --only 1,2,6  some rows only (1 bytes, 2 first screen, 3 link, 4 API, 5 scale, 6 main)
//   npm run bench -- --strict      exit 1 when a target is missed
//   npm run bench -- --only 4 --skip-password-change   row 4 without the two password-change operations
//   npm run bench -- --only 4 --compare-client <file>  row 4, plus an earlier build of the client beside this one
import { writeFileSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL, fileURLToPath } from 'node:url'
import { buildApp, buildClientLib, buildHello } from '../bench/lib/build.mjs'
import { eagerAssets } from '../bench/lib/bundle-size.mjs'
import { launchChromium } from '../bench/lib/chromium.mjs'
import { APP_READY, HELLO_READY, measureFirstScreen } from '../bench/lib/first-screen.mjs'
import { measureLinkToForm } from '../bench/lib/link-to-form.mjs'
import { analyseMain, timeMainLoad } from '../bench/lib/main-weight.mjs'
import { measureScale } from '../bench/lib/scale.mjs'
import { startShell } from '../bench/lib/shell.mjs'
import { ratio } from '../bench/lib/stats.mjs'
import { buildLazyMain, buildMinifiedRenderer } from '../bench/lib/whatif.mjs'
import { measureApiOverhead } from '../bench/lib/api-overhead.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const BUILD = path.join(root, 'bench', '.build')
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const strict = args.includes('--strict')
const onlyArg = args.includes('--only') ? args[args.indexOf('--only') + 1] : null
const skipPasswordChange = args.includes('--skip-password-change')
const compareClient = args.includes('--compare-client') ? args[args.indexOf('--compare-client') + 1] : null
const only = new Set((onlyArg ?? '1,2,3,4,5,6').split(',').map((s) => s.trim()))
const counts = quick
  ? { firstScreen: 5, link: 10, cli: 3, api: 20, renders: 2 }
  : { firstScreen: 21, link: 60, cli: 10, api: 200, renders: 7 }

const log = (line) => console.error(line)
const started = Date.now()
const loadBefore = os.loadavg()

// ---- build -------------------------------------------------------------------------------------------------

log('Building the app, the baseline page and the proposed fixes into bench/.build …')
mkdirSync(BUILD, { recursive: true })
const app = buildApp(root, path.join(BUILD, 'app'))
const hello = await buildHello(root, path.join(BUILD, 'hello'))
const entry = path.join(app.dir, 'browser-shell', 'index.cjs')
const fixes = {}
if (only.has('1') || only.has('2'))
  fixes.minify = buildMinifiedRenderer(root, path.join(BUILD, 'whatif-minify'))
if (only.has('2'))
  fixes.parallel = buildMinifiedRenderer(root, path.join(BUILD, 'whatif-parallel'), { parallelLoad: true })
if (only.has('6')) fixes.lazyMain = buildLazyMain(root, path.join(BUILD, 'whatif-lazy-main'))
let clientLib = null
const fixedClientLibs = {}
if (only.has('4')) {
  const built = await buildClientLib(root, path.join(BUILD, 'lib'))
  clientLib = await import(pathToFileURL(built.file).href)
  // F3 (the response cap in front of axios) is applied: src/main/http/response-cap.ts.
  // An earlier build of the client (bench/lib/build.mjs's buildClientLib from an older checkout), measured beside
  // this one on the fast operations, interleaved: a client change's effect under the same load.
  if (compareClient) fixedClientLibs.earlier = await import(pathToFileURL(path.resolve(compareClient)).href)
}
log(`  built in ${((Date.now() - started) / 1000).toFixed(1)} s`)

const rows = []
const fixRows = []
const results = { when: new Date().toISOString(), quick, counts, environment: {}, sections: {} }
const row = (r) => rows.push(r)
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const ms = (value) => `${value.toFixed(1)} ms`

// ---- 1. renderer bytes -------------------------------------------------------------------------------------

if (only.has('1')) {
  const appAssets = eagerAssets(path.join(app.dir, 'renderer'))
  const helloAssets = eagerAssets(hello.dir)
  results.sections.rendererBytes = { app: appAssets, hello: helloAssets }
  row({
    id: '1',
    what: 'Renderer initial JS+CSS (gzip)',
    value: kb(appAssets.gzip),
    baseline: `${kb(helloAssets.gzip)} bare React`,
    ratio: ratio(appAssets.gzip, helloAssets.gzip),
    target: '≤ 1.3×',
    pass: ratio(appAssets.gzip, helloAssets.gzip) <= 1.3,
  })
  if (fixes.minify?.dir) {
    const minified = eagerAssets(fixes.minify.dir)
    results.sections.rendererBytes.withFix1 = minified
    fixRows.push({
      fix: 'F1 minify the renderer',
      what: 'Renderer initial JS+CSS (gzip)',
      before: `${kb(appAssets.gzip)} (${ratio(appAssets.gzip, helloAssets.gzip).toFixed(2)}×)`,
      after:
        minified.gzip === appAssets.gzip
          ? 'the same: already in electron.vite.config.ts'
          : `${kb(minified.gzip)} (${ratio(minified.gzip, helloAssets.gzip).toFixed(2)}×)`,
    })
  }
}

// ---- 6. main-process start-up weight (no browser needed) --------------------------------------------------

if (only.has('6')) {
  log('Main process: bundle and eager modules …')
  const main = analyseMain(path.join(app.dir, 'main'))
  const load = timeMainLoad(path.join(app.dir, 'main'), quick ? 5 : 15)
  results.sections.mainWeight = { ...main, load }
  row({
    id: '6',
    what: 'Main bundle, loaded before ready',
    value: `${kb(main.eagerBytes)} (${main.eagerModules} modules)`,
    baseline: `${kb(main.shellBytes)} shell only`,
    ratio: ratio(main.eagerBytes, main.shellBytes),
    target: 'shell only (≤ 1.3×)',
    pass: ratio(main.eagerBytes, main.shellBytes) <= 1.3,
  })
  // The shell-only build of fix 2 is the baseline of the load time: what must load before ready, nothing else.
  let lazy = null
  let lazyLoad = null
  if (fixes.lazyMain?.dir) {
    lazy = analyseMain(fixes.lazyMain.dir)
    lazyLoad = timeMainLoad(fixes.lazyMain.dir, quick ? 5 : 15)
    results.sections.mainWeight.withFix2 = { ...lazy, load: lazyLoad, steps: fixes.lazyMain.applied }
    fixRows.push({
      fix: 'F2 only the shell before ready',
      what: 'Main bundle loaded before ready, require()',
      before: `${kb(main.eagerBytes)}, ${ms(load.ms)}`,
      after: `${kb(lazy.eagerBytes)}, ${ms(lazyLoad.ms)} (${fixes.lazyMain.applied.length} steps)`,
    })
  }
  row({
    id: '6',
    what: 'Main bundle require() before ready',
    value: ms(load.ms),
    baseline: lazyLoad ? `${ms(lazyLoad.ms)} shell-only build` : '',
    ratio: lazyLoad ? ratio(load.ms, lazyLoad.ms) : NaN,
    target: lazyLoad ? '≤ 1.3×' : 'info',
    pass: lazyLoad ? ratio(load.ms, lazyLoad.ms) <= 1.3 : null,
  })
}

// ---- 2, 3, 5: in Chromium, through the browser shell --------------------------------------------------------

if (only.has('2') || only.has('3') || only.has('5')) {
  const servers = [
    { id: 'bench', displayName: 'Bench server', baseUrl: 'http://127.0.0.1:8765', kind: 'djoser' },
  ]
  const browser = await launchChromium()
  results.environment.chromium = browser.version()
  try {
    if (only.has('2') || only.has('3')) {
      const appShell = await startShell({ entry, servers })
      const helloShell = await startShell({ entry, servers, rendererDir: hello.dir })
      const minShell = fixes.minify?.dir
        ? await startShell({ entry, servers, rendererDir: fixes.minify.dir })
        : null
      const parShell = fixes.parallel?.dir
        ? await startShell({ entry, servers, rendererDir: fixes.parallel.dir })
        : null
      try {
        if (only.has('2')) {
          log(`First screen: ${counts.firstScreen} navigations each …`)
          const pages = [
            { key: 'app', url: appShell.url, condition: APP_READY },
            { key: 'hello', url: helloShell.url, condition: HELLO_READY },
          ]
          if (minShell) pages.push({ key: 'minified', url: minShell.url, condition: APP_READY })
          if (parShell) pages.push({ key: 'parallel', url: parShell.url, condition: APP_READY })
          const fs = await measureFirstScreen({ browser, pages, runs: counts.firstScreen, log })
          results.sections.firstScreen = fs
          const r = ratio(fs.summaries.app.median, fs.summaries.hello.median)
          row({
            id: '2',
            what: `First screen interactive (median of ${fs.summaries.app.n})`,
            value: ms(fs.summaries.app.median),
            baseline: `${ms(fs.summaries.hello.median)} bare React`,
            ratio: r,
            target: '≤ 1.3×',
            pass: r <= 1.3,
          })
          if (fs.summaries.parallel)
            fixRows.push({
              fix: 'F1 + F5 first load in one round trip',
              what: 'First screen interactive (median)',
              before: `${ms(fs.summaries.app.median)} (${r.toFixed(2)}×)`,
              after: `${ms(fs.summaries.parallel.median)} (${ratio(fs.summaries.parallel.median, fs.summaries.hello.median).toFixed(2)}×)`,
            })
          if (fs.summaries.minified)
            fixRows.push({
              fix: 'F1 minify the renderer',
              what: 'First screen interactive (median)',
              before: `${ms(fs.summaries.app.median)} (${r.toFixed(2)}×)`,
              after: `${ms(fs.summaries.minified.median)} (${ratio(fs.summaries.minified.median, fs.summaries.hello.median).toFixed(2)}×)`,
            })
        }
        if (only.has('3')) {
          log(`Link to form: ${counts.link} links …`)
          const lf = await measureLinkToForm({
            browser,
            shell: appShell,
            runs: counts.link,
            cliRuns: counts.cli,
            log,
          })
          results.sections.linkToForm = lf
          row({
            id: '3',
            what: `Link to form, median of ${lf.link.n}`,
            value: ms(lf.link.median),
            baseline: `${ms(lf.noop.median)} no-op bridge call`,
            ratio: lf.ratio,
            target: '≤ 50 ms',
            pass: lf.link.median <= 50,
          })
          row({
            id: '3',
            what: 'Link to form, p95',
            value: ms(lf.link.p95),
            baseline: `${ms(lf.noop.p95)} no-op p95`,
            ratio: ratio(lf.link.p95, lf.noop.p95),
            target: 'info',
            pass: null,
          })
          row({
            id: '3',
            what: `--open-link command to form (median of ${lf.cli.n})`,
            value: ms(lf.cli.median),
            baseline: '',
            ratio: NaN,
            target: 'info (Node start-up)',
            pass: null,
          })
        }
      } finally {
        await appShell.stop()
        await helloShell.stop()
        await minShell?.stop()
        await parShell?.stop()
      }
    }
    if (only.has('5')) {
      log('Scale: 10 to 10,000 accounts …')
      const sc = await measureScale({ browser, entry, servers, renders: counts.renders, log })
      results.sections.scale = sc
      for (const [i, r] of sc.rows.entries()) {
        const g = i > 0 ? sc.growth.render[i - 1].ratio : NaN
        const gl = i > 0 ? sc.growth.list[i - 1].ratio : NaN
        row({
          id: '5',
          what: `Home, ${r.accounts.toLocaleString('en')} accounts: first render`,
          value: ms(r.renderMs),
          baseline:
            i > 0 ? `${ms(sc.rows[i - 1].renderMs)} at ${sc.rows[i - 1].accounts.toLocaleString('en')}` : '',
          ratio: g,
          target: i > 0 ? '≤ 12.5× per 10×' : '',
          pass: i > 0 ? g <= 12.5 : null,
        })
        row({
          id: '5',
          what: `Home, ${r.accounts.toLocaleString('en')} accounts: listAccounts`,
          value: ms(r.listMs),
          baseline:
            i > 0 ? `${ms(sc.rows[i - 1].listMs)} at ${sc.rows[i - 1].accounts.toLocaleString('en')}` : '',
          ratio: gl,
          target: i > 0 ? '≤ 12.5× per 10×' : '',
          pass: i > 0 ? gl <= 12.5 : null,
        })
      }
    }
  } finally {
    await browser.close()
  }
}

// ---- 4. API overhead ---------------------------------------------------------------------------------------

if (only.has('4')) {
  log(`API overhead: ${counts.api} runs per operation and side, against the real Django server …`)
  const api = await measureApiOverhead({
    root,
    lib: clientLib,
    fixedLibs: fixedClientLibs,
    runs: counts.api,
    skipPasswordChange,
    log,
  })
  results.sections.api = api
  for (const r of api.rows)
    row({
      id: '4',
      what: `API ${r.operation}`,
      value: ms(r.app.median),
      baseline: `${ms(r.bare.median)} bare fetch`,
      ratio: r.ratio,
      target: '≤ 1.15×',
      pass: r.ratio <= 1.15,
    })
  const fixNames = { earlier: `the client of ${compareClient}` }
  for (const r of api.fixRows)
    for (const [key, v] of Object.entries(r.variants ?? {}))
      fixRows.push({
        fix: fixNames[key] ?? key,
        what: `API ${r.operation} (bare ${ms(r.bare.median)})`,
        before: `${ms(r.app.median)} (${r.ratio.toFixed(2)}×)`,
        after: `${ms(v.median)} (${v.ratio.toFixed(2)}×)`,
      })
}

// ---- report ------------------------------------------------------------------------------------------------

results.environment = {
  ...results.environment,
  node: process.version,
  cpus: os.cpus().length,
  loadavgBefore: loadBefore,
  loadavgAfter: os.loadavg(),
  seconds: Math.round((Date.now() - started) / 1000),
}
for (const [name, fix] of Object.entries(fixes))
  if (fix?.skipped) fixRows.push({ fix: name, what: 'not measured', before: '', after: fix.reason })
results.rows = rows
results.fixes = fixRows
writeFileSync(path.join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`)

const fmtRatio = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '')
const verdict = (p) => (p === null ? '' : p ? 'pass' : 'FAIL')
const table = [
  ['#', 'measure', 'value', 'baseline', 'ratio', 'target', 'result'],
  ...rows.map((r) => [r.id, r.what, r.value, r.baseline, fmtRatio(r.ratio), r.target, verdict(r.pass)]),
]
const print = (t) => {
  const widths = t[0].map((_, c) => Math.max(...t.map((line) => String(line[c]).length)))
  for (const [i, line] of t.entries()) {
    console.log(line.map((cell, c) => String(cell).padEnd(widths[c])).join(' | '))
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  }
}
console.log(`\nAccount Desk benchmarks${quick ? ' (--quick: fewer runs than the targets ask for)' : ''}\n`)
print(table)
if (fixRows.length > 0) {
  console.log('\nProposed fixes, built and measured in this run (see docs/performance.md):\n')
  print([
    ['fix', 'measure', 'now', 'with the fix'],
    ...fixRows.map((f) => [f.fix, f.what, f.before, f.after]),
  ])
}
const phases = results.sections.firstScreen?.phases
if (phases) {
  console.log('\nFirst screen, where the time goes (medians, ms from navigation start):\n')
  print([
    [
      'page',
      'scripts+styles loaded',
      'React mounted',
      'first bridge call',
      'last bridge answer',
      'interactive',
    ],
    ...Object.entries(phases).map(([key, p]) => [
      key,
      p.scriptsLoaded.toFixed(1),
      p.mounted.toFixed(1),
      p.bridgeStart.toFixed(1),
      p.bridgeEnd.toFixed(1),
      results.sections.firstScreen.summaries[key].median.toFixed(1),
    ]),
  ])
}
const missed = rows.filter((r) => r.pass === false)
console.log(
  `\n${rows.filter((r) => r.pass === true).length} targets met, ${missed.length} missed; ` +
    `load average ${loadBefore[0].toFixed(1)} → ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores; ` +
    `${results.environment.seconds} s. Written: bench/results.json`,
)
if (strict && missed.length > 0) process.exit(1)
