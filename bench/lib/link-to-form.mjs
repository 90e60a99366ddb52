/* global window */
// Row 3: from handing a reset link to the running browser shell to the reset form being on screen.
//
// The handoff is the browser shell's own: POST /__shell/open-link with the per-run secret, the request that
// `--open-link` makes (without the second Node process it starts). It is sent from inside the page, so that the
// start and the end are read on one clock (performance.now()); the end is the first moment a MutationObserver
// sees the reset form's heading ("Choose a new password"). Between two links the bench goes back to the home
// screen, so every link lands where a user would be when they click the mail.
//
// Baseline: a bridge round trip that does nothing (`rendererReady`), timed in the same page, interleaved.
// Extra row: the whole `--open-link` command (Node start-up included), timed from Node across the two clocks.
import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { VIEWPORT } from './chromium.mjs'
import { APP_READY, readyProbe } from './first-screen.mjs'
import { median, percentile, ratio, summary } from './stats.mjs'

const FORM_HEADING = 'Choose a new password'

/** A djoser reset link for the configured server: uid "MQ" (user 1), a token issued now, random hex. */
export function syntheticLink(scheme, host, n) {
  const seconds = Math.floor((Date.now() - Date.UTC(2001, 0, 1)) / 1000)
  const hex = (n.toString(16).padStart(8, '0') + 'b3c4d5e6f708192a3b4c5d6e7f801234').slice(0, 32)
  return `${scheme}://${host}/reset/MQ/${seconds.toString(36)}-${hex}`
}

// In the page: arm an observer for the form heading, then run `start` and time until the heading appears.
const TIME_LINK = `async ({ link, heading }) => {
  const secret = sessionStorage.getItem('account-desk-shell-secret')
  const seen = () => [...document.querySelectorAll('main h1')].some((h) => h.textContent === heading)
  if (seen()) throw new Error('the form is already on screen')
  const appeared = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (seen()) { observer.disconnect(); resolve(performance.now()) }
    })
    observer.observe(document.body, { childList: true, subtree: true, characterData: true })
  })
  const t0 = performance.now()
  const response = await fetch('/__shell/open-link', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-account-desk-secret': secret },
    body: JSON.stringify({ url: link }),
  })
  const handedOff = performance.now()
  if (!response.ok) throw new Error('open-link answered ' + response.status)
  const t1 = await Promise.race([appeared, new Promise((r) => setTimeout(() => r(null), 10000))])
  if (t1 === null) throw new Error('the reset form did not appear: ' + document.querySelector('main')?.innerText.slice(0, 300))
  return { ms: t1 - t0, handoffMs: handedOff - t0 }
}`

const TIME_NOOP = `async () => {
  const t0 = performance.now()
  const result = await window.accountDesk.rendererReady({})
  const t1 = performance.now()
  if (!result.ok) throw new Error('rendererReady failed')
  return t1 - t0
}`

// Back to the accounts home (the "All accounts" button of the top bar), and wait until it is there.
const GO_HOME = `async ({ heading }) => {
  const button = [...document.querySelectorAll('header button')].find((b) => /All accounts/.test(b.textContent))
  if (!button) throw new Error('no "All accounts" button on: ' + document.querySelector('main h1')?.textContent)
  button.click()
  for (let i = 0; i < 500; i++) {
    const h = document.querySelector('main h1')
    if (h && h.textContent !== heading) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error('did not get back home')
}`

// For the CLI row: resolve with the epoch time at which the form heading appears.
const WAIT_FORM_EPOCH = `({ heading }) => new Promise((resolve) => {
  const seen = () => [...document.querySelectorAll('main h1')].some((h) => h.textContent === heading)
  const observer = new MutationObserver(() => {
    if (seen()) { observer.disconnect(); resolve(performance.timeOrigin + performance.now()) }
  })
  observer.observe(document.body, { childList: true, subtree: true, characterData: true })
  setTimeout(() => resolve(null), 15000)
})`

const evalFn = (page, source, arg) => page.evaluate(`(${source})(${JSON.stringify(arg ?? {})})`)

export async function measureLinkToForm({ browser, shell, runs = 60, cliRuns = 10, warmup = 5, log }) {
  const context = await browser.newContext({ viewport: VIEWPORT })
  try {
    const page = await context.newPage()
    await page.addInitScript(readyProbe(APP_READY))
    await page.goto(shell.url)
    await page.waitForFunction(() => window.__benchReady !== undefined, null, { timeout: 30_000 })
    const info = await shell.invoke('getAppInfo')
    const servers = await shell.invoke('listServers')
    if (!info.ok || !servers.ok || servers.value.length === 0) throw new Error('the shell has no server')
    const host = servers.value[0].host
    const scheme = info.value.scheme
    const link = []
    const handoff = []
    const noop = []
    let n = 0
    for (let i = -warmup; i < runs; i++) {
      const order = i % 2 === 0 ? ['link', 'noop'] : ['noop', 'link']
      for (const kind of order) {
        if (kind === 'link') {
          const timed = await evalFn(page, TIME_LINK, {
            link: syntheticLink(scheme, host, n++),
            heading: FORM_HEADING,
          })
          await evalFn(page, GO_HOME, { heading: FORM_HEADING })
          if (i >= 0) {
            link.push(timed.ms)
            handoff.push(timed.handoffMs)
          }
        } else {
          const ms = await evalFn(page, TIME_NOOP)
          if (i >= 0) noop.push(ms)
        }
      }
      if (i >= 0 && (i + 1) % 20 === 0) log?.(`  link to form: ${i + 1}/${runs}`)
    }

    // The whole command a second launch would run: `node index.cjs --data-dir D --open-link <url>`.
    const cli = []
    for (let i = 0; i < cliRuns; i++) {
      const waiting = evalFn(page, WAIT_FORM_EPOCH, { heading: FORM_HEADING })
      await new Promise((r) => setTimeout(r, 20))
      const started = performance.timeOrigin + performance.now()
      const code = await new Promise((resolve) => {
        const child = spawn(
          process.execPath,
          [shell.entry, '--data-dir', shell.dataDir, '--open-link', syntheticLink(scheme, host, n++)],
          { stdio: 'ignore' },
        )
        child.on('exit', resolve)
      })
      const appeared = await waiting
      if (code !== 0 || appeared === null) throw new Error(`--open-link run failed (exit ${code})`)
      cli.push(appeared - started)
      await evalFn(page, GO_HOME, { heading: FORM_HEADING })
    }
    return {
      link: { ...summary(link), p95: percentile(link, 95) },
      handoff: summary(handoff),
      noop: summary(noop),
      cli: summary(cli),
      ratio: ratio(median(link), median(noop)),
      samples: { link, noop, cli },
    }
  } finally {
    await context.close()
  }
}
