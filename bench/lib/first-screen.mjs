/* global document, window */
// Row 2: navigation to the first screen being interactive, in headless Chromium, app against the bare React
// page, both served by the browser shell over loopback HTTP (same server, same headers, same injected bridge).
//
// "Interactive" is measured in the page, from navigation start (performance.now() is 0 there): the first moment
// a MutationObserver sees the screen's heading and a button in it. For the app that is the first screen's
// <h1 class="step-heading"> (not "Starting…") and a button in <main>; for the bare page its <h1> and <button>.
// Once per page kind, untimed, the bench clicks the button and checks that the page answers.
import { VIEWPORT } from './chromium.mjs'
import { median, summary } from './stats.mjs'

/** An init script: records window.__benchReady = performance.now() when `condition` (a JS expression) holds. */
export const readyProbe = (condition) => `(() => {
  const check = () => {
    if (window.__benchReady !== undefined) return
    if (window.__benchMounted === undefined && document.querySelector('main h1')) window.__benchMounted = performance.now()
    try { if (${condition}) window.__benchReady = performance.now() } catch (e) { window.__benchError = String(e) }
  }
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true })
  document.addEventListener('DOMContentLoaded', check)
})()`

export const APP_READY = `(() => {
  const h = document.querySelector('main h1.step-heading')
  if (!h || /^Starting/.test(h.textContent) || /could not start/.test(h.textContent)) return false
  return document.querySelector('main button') !== null
})()`
export const HELLO_READY = `document.querySelector('main h1') !== null && document.querySelector('main button') !== null`

async function oneRun(browser, url, condition) {
  const context = await browser.newContext({ viewport: VIEWPORT })
  try {
    const page = await context.newPage()
    const errors = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.addInitScript(readyProbe(condition))
    await page.goto(url, { waitUntil: 'commit' })
    await page.waitForFunction(
      () => window.__benchReady !== undefined || window.__benchError !== undefined,
      null,
      {
        timeout: 30_000,
      },
    )
    const [ready, error, mounted, scripts, bridgeStart, bridgeEnd] = await page.evaluate(`(() => {
      const all = performance.getEntriesByType('resource')
      const calls = all.filter((e) => e.name.includes('/__shell/invoke/') && e.startTime < window.__benchReady)
      return [window.__benchReady, window.__benchError, window.__benchMounted,
        all.filter((e) => e.initiatorType === 'script' || e.initiatorType === 'link')
          .reduce((end, e) => Math.max(end, e.responseEnd), 0),
        calls.reduce((start, e) => Math.min(start, e.startTime), Infinity),
        calls.reduce((end, e) => Math.max(end, e.responseEnd), 0)]
    })()`)
    if (error || errors.length > 0) throw new Error(`page error: ${error ?? errors.join('; ')}`)
    return { ms: ready, mounted, scripts, bridgeStart, bridgeEnd, page, context }
  } catch (error) {
    await context.close()
    throw error
  }
}

/** Untimed: the first screen's button works (the app leaves its first screen; the bare page counts). */
async function checkResponds(page, condition) {
  if (condition === HELLO_READY) {
    await page.click('main button')
    await page.waitForFunction(
      () => /Clicked 1 times/.test(document.querySelector('main button')?.textContent ?? ''),
      null,
      { timeout: 10_000 },
    )
  } else {
    const before = await page.textContent('main h1')
    await page.click('main button')
    await page.waitForFunction((text) => document.querySelector('main h1')?.textContent !== text, before, {
      timeout: 10_000,
    })
  }
}

/**
 * @param {{ key: string, url: string, condition: string }[]} pages  measured in turn, the order rotating
 * @returns per key, the summary of `runs` timings (after `warmup` untimed rounds)
 */
export async function measureFirstScreen({ browser, pages, runs = 21, warmup = 2, log }) {
  const samples = Object.fromEntries(pages.map((p) => [p.key, []]))
  // Where the time goes: scripts and styles loaded, first heading in the DOM (React mounted), interactive.
  const phases = Object.fromEntries(
    pages.map((p) => [p.key, { scriptsLoaded: [], mounted: [], bridgeStart: [], bridgeEnd: [] }]),
  )
  for (let i = -warmup; i < runs; i++) {
    // Rotate which goes first, so drift in the machine's load falls on all alike.
    const start = ((i % pages.length) + pages.length) % pages.length
    const order = [...pages.slice(start), ...pages.slice(0, start)]
    for (const p of order) {
      const run = await oneRun(browser, p.url, p.condition)
      if (i === -warmup) await checkResponds(run.page, p.condition)
      await run.context.close()
      if (i >= 0) {
        samples[p.key].push(run.ms)
        phases[p.key].scriptsLoaded.push(run.scripts)
        phases[p.key].mounted.push(run.mounted ?? run.ms)
        // The bare page makes no bridge call: its "data" phase is empty.
        phases[p.key].bridgeStart.push(Number.isFinite(run.bridgeStart) ? run.bridgeStart : run.ms)
        phases[p.key].bridgeEnd.push(run.bridgeEnd > 0 ? run.bridgeEnd : run.ms)
      }
    }
    if (i >= 0 && (i + 1) % 7 === 0) log?.(`  first screen: ${i + 1}/${runs}`)
  }
  return {
    summaries: Object.fromEntries(pages.map((p) => [p.key, summary(samples[p.key])])),
    phases: Object.fromEntries(
      pages.map((p) => [
        p.key,
        {
          scriptsLoaded: median(phases[p.key].scriptsLoaded),
          mounted: median(phases[p.key].mounted),
          bridgeStart: median(phases[p.key].bridgeStart),
          bridgeEnd: median(phases[p.key].bridgeEnd),
        },
      ]),
    ),
    samples,
  }
}
