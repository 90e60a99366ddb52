import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import AxeBuilder from '@axe-core/playwright'
import { expect, it } from 'vitest'
import { launchChromium, VIEWPORT } from '../helpers/chromium.mjs'
import { generationUnderTest, OLDEST_DJANGO } from '../servers/django'
import type { BackendKind } from '../../src/shared/backend-kinds'

export const ROOT = path.resolve(import.meta.dirname, '../..')
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots')

export interface RunningShell {
  url: string
  origin: string
  dataDir: string
  process: ChildProcess
  output: () => string
  openLink(url: string): Promise<{ code: number; output: string }>
  stop(): Promise<void>
}

/** Starts the built browser shell (npm run build first) on a random port with a fresh data folder. */
export async function startBrowserShell(
  opts: {
    args?: string[]
    env?: Record<string, string>
    dataDir?: string
    /** Servers to configure, as the user would have added them (written to settings.json before start). */
    servers?: { id: string; displayName: string; baseUrl: string; kind: BackendKind }[]
  } = {},
): Promise<RunningShell> {
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'account-desk-e2e-')))
  if (opts.servers) {
    await writeFile(
      path.join(dataDir, 'settings.json'),
      JSON.stringify({ version: 1, servers: opts.servers }),
    )
  }
  const entry = path.join(ROOT, 'out/browser-shell/index.cjs')
  const child = spawn(
    process.execPath,
    // --verbose: the log lines on the output too, so tests can hold them to the same rules as the log file.
    [entry, '--port', '0', '--data-dir', dataDir, '--verbose', ...(opts.args ?? [])],
    { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr.on('data', (d: Buffer) => (output += d.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser shell did not start:\n${output}`)), 30_000)
    const check = () => {
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#secret=[0-9a-f]+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout.on('data', check)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`browser shell exited with ${code}:\n${output}`))
    })
  })
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    process: child,
    output: () => output,
    openLink: (link) =>
      new Promise((resolve) => {
        // As the README says to: the link on standard input, never on a command line.
        const second = spawn(process.execPath, [entry, '--data-dir', dataDir, '--open-link', '-'], {
          stdio: ['pipe', 'pipe', 'pipe'],
        })
        second.stdin.end(`${link}\n`)
        let out = ''
        second.stdout.on('data', (d: Buffer) => (out += d.toString()))
        second.stderr.on('data', (d: Buffer) => (out += d.toString()))
        second.on('exit', (code) => resolve({ code: code ?? 1, output: out }))
      }),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export { launchChromium }

/** A page in its own context (axe needs one), light or dark, in a browser whose language is `locale`. */
export async function newPage(
  browser: Browser,
  colorScheme: 'light' | 'dark' = 'light',
  locale = 'en-US',
): Promise<Page> {
  const context = await browser.newContext({ colorScheme, viewport: VIEWPORT, locale })
  return context.newPage()
}

/** A raw GET with a chosen Host header (fetch() does not let a caller set Host). */
export function getWithHost(origin: string, host: string): Promise<number> {
  const { port } = new URL(origin)
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port: Number(port), path: '/', headers: { Host: host } },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    req.on('error', reject)
  })
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true })
  const file = path.join(SCREENSHOTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/** axe-core with WCAG 2.1 A/AA and best-practice rules; returns the violations (expected: none). */
export interface AxeViolation {
  id: string
  impact: string | null | undefined
  nodes: string[]
}

export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze()
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }))
}

/**
 * Tests that run as the steps of one flow on one app, in order, so that no test comes near 60 s. A step after a
 * failed one fails at once, naming the step that broke the flow.
 */
export function flowSteps() {
  let broken: string | null = null
  return (name: string, run: () => Promise<void>) =>
    it(name, { timeout: 60_000 }, async () => {
      if (broken) throw new Error(`not run: the step "${broken}" failed`)
      try {
        await run()
      } catch (error) {
        broken = name
        throw error
      }
    })
}

/** The window sizes every screen is photographed and checked at: a usual window, and a small laptop's. */
export const SCREEN_SIZES = [
  { width: 1100, height: 760 },
  { width: 800, height: 600 },
] as const

/**
 * How much of a screen capture() takes: `full` photographs it at every size of SCREEN_SIZES in light and dark and
 * runs axe in both schemes at the usual size; `once` photographs it in light at the usual size and runs axe there.
 * A screen is the app's own whatever the server: one full set of it is enough, and the full set is about three
 * times the time of `once` on a busy machine.
 */
export type CaptureSet = 'full' | 'once'

/**
 * The set a run takes by default: the full one on the oldest Django generation (the `e2e` project), `once` on the
 * newer one (`e2e-django-5.2`), where only the server's messages in the screens change.
 */
const DEFAULT_CAPTURE: CaptureSet = generationUnderTest() === OLDEST_DJANGO ? 'full' : 'once'

/** Resolves after the browser has painted twice: a colour scheme or size change has been laid out and drawn. */
const painted = (page: Page) =>
  page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  )

/**
 * Screenshots (test-results/screenshots/<name>-<scheme>-<width>x<height>.png) and axe (see CaptureSet); fails on
 * any axe violation. Motion is reduced while it works (the app's stylesheet then ends every transition at once), so
 * a picture or a contrast check never catches a colour halfway. The page is left in light at the size it had.
 */
export async function capture(page: Page, name: string, set: CaptureSet = DEFAULT_CAPTURE): Promise<void> {
  const before = page.viewportSize()
  const problems: Record<string, AxeViolation[]> = {}
  for (const size of set === 'full' ? SCREEN_SIZES : SCREEN_SIZES.slice(0, 1)) {
    await page.setViewportSize(size)
    for (const scheme of set === 'full' ? (['light', 'dark'] as const) : (['light'] as const)) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
      await painted(page)
      const label = `${scheme}-${size.width}x${size.height}`
      await screenshot(page, `${name}-${label}`)
      if (size !== SCREEN_SIZES[0]) continue
      const violations = await axeViolations(page)
      if (violations.length) problems[label] = violations
    }
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: null })
  if (before) await page.setViewportSize(before)
  expect(problems, `axe on ${name}`).toEqual({})
}

/** Opens the actions menu of an account ("alice on Example Corp") and chooses one of its items. */
export async function accountAction(page: Page, where: string, action: string): Promise<void> {
  await page.getByRole('button', { name: `Actions for ${where}` }).click()
  await page.getByRole('menu').getByRole('menuitem', { name: action }).click()
}
