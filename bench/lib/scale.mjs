/* global window */
// Row 5: the accounts home with 10, 100, 1,000 and 10,000 accounts. For each size, accounts.json (the format of
// src/main/storage/app-files.ts, accountsFileSchema) is written before the browser shell starts, then:
//   - shell start: spawn to the "Open:" line (Node start-up, services start, accounts.json read and validated);
//   - store load: the renderer's listAccounts round trip, timed in the page (bridge + JSON), median;
//   - first render: navigation start to every account row on screen, in a fresh page, median.
// Growth is the ratio from one size to the next (10× more accounts); linear growth stays at or under 10×
// (fixed costs make it less at the small end), and the target allows 25% for noise: ≤ 12.5×.
import { randomBytes } from 'node:crypto'
import { VIEWPORT } from './chromium.mjs'
import { readyProbe } from './first-screen.mjs'
import { startShell } from './shell.mjs'
import { median, ratio } from './stats.mjs'

export function makeAccounts(n, serverId) {
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString()
  return Array.from({ length: n }, (_, i) => ({
    id: randomBytes(8).toString('hex'),
    serverId,
    username: `user${i}`,
    email: `user${i}@example.com`,
    lastSignedInAt: at,
  }))
}

const rowsReady = (n) => `(() => {
  const list = document.querySelector('main ul.account-list')
  return list !== null && list.childElementCount === ${n} && document.querySelector('main h1') !== null
})()`

const TIME_LIST = `async () => {
  const t0 = performance.now()
  const result = await window.accountDesk.listAccounts({})
  const t1 = performance.now()
  if (!result.ok) throw new Error('listAccounts failed')
  return { ms: t1 - t0, count: result.value.length }
}`

export async function measureScale({
  browser,
  entry,
  servers,
  sizes = [10, 100, 1000, 10000],
  renders = 7,
  log,
}) {
  const rows = []
  for (const n of sizes) {
    const shell = await startShell({ entry, servers, accounts: makeAccounts(n, servers[0].id) })
    try {
      const render = []
      const list = []
      for (let i = 0; i < renders + 1; i++) {
        const context = await browser.newContext({ viewport: VIEWPORT })
        try {
          const page = await context.newPage()
          await page.addInitScript(readyProbe(rowsReady(n)))
          await page.goto(shell.url, { waitUntil: 'commit' })
          await page.waitForFunction(
            () => window.__benchReady !== undefined || window.__benchError !== undefined,
            null,
            {
              timeout: 120_000,
            },
          )
          const ready = await page.evaluate(() => window.__benchReady)
          if (ready === undefined) throw new Error(await page.evaluate(() => window.__benchError))
          const listed = await page.evaluate(`(${TIME_LIST})()`)
          if (listed.count !== n) throw new Error(`listAccounts gave ${listed.count} accounts, not ${n}`)
          // The first page load warms the shell's and Chromium's caches alike for every size: not counted.
          if (i > 0) {
            render.push(ready)
            list.push(listed.ms)
          }
        } finally {
          await context.close()
        }
      }
      rows.push({ accounts: n, shellStartMs: shell.startMs, listMs: median(list), renderMs: median(render) })
      log?.(`  scale: ${n} accounts: render ${median(render).toFixed(0)} ms`)
    } finally {
      await shell.stop()
    }
  }
  const growth = (key) =>
    rows
      .slice(1)
      .map((row, i) => ({ from: rows[i].accounts, to: row.accounts, ratio: ratio(row[key], rows[i][key]) }))
  return {
    rows,
    growth: { render: growth('renderMs'), list: growth('listMs'), shellStart: growth('shellStartMs') },
  }
}
