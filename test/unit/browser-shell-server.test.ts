import http from 'node:http'
import { Readable } from 'node:stream'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/main/log'
import type { Services } from '../../src/main/services'
import { MAX_BODY, startShellServer, type BrowserShellServer } from '../../tools/browser-shell/server'
import { startTestServices } from '../helpers/service-deps'
import { parseResetLink } from '../../src/main/links'
import { openLinkBody, readLinkFrom } from '../../tools/browser-shell/open-link'
import { ctx, TOKEN } from './links-fixtures'

const LINK = `accountdesk://accounts.example.com/reset/MQ/${TOKEN}`

let dataDir: string
let services: Services
let server: BrowserShellServer
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'account-desk-shell-server-'))
  await writeFile(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({
      version: 1,
      servers: [{ id: 'corp', displayName: 'Corp', baseUrl: 'https://accounts.example.com', kind: 'djoser' }],
    }),
  )
  let emit: BrowserShellServer['emit'] = () => {}
  services = await startTestServices(dataDir, { shell: 'browser-shell', emit: (n, p) => emit(n, p) })
  server = await startShellServer({ rendererDir: dataDir, services: () => services, logger: silentLogger })
  emit = (n, p) => server.emit(n, p)
})
afterEach(async () => {
  await server.close()
  await services.stop()
  await rm(dataDir, { recursive: true, force: true })
})

/** A raw request (status, body), so a connection closed without an answer shows as an error, not a status. */
function post(pathname: string, body: string | Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-account-desk-secret': server.secret,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = ''
        res.on('data', (d: Buffer) => (text += d.toString()))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** A page's event stream: the lines it has received so far. */
function connectPage(): Promise<{ lines: string[]; close(): void }> {
  return new Promise((resolve, reject) => {
    const lines: string[] = []
    const req = http.get(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/__shell/events',
        headers: { 'x-account-desk-secret': server.secret },
      },
      (res) => {
        res.on('data', (d: Buffer) =>
          lines.push(
            ...d
              .toString()
              .split('\n')
              .filter((l) => l.trim() !== ''),
          ),
        )
        res.on('error', () => {})
        resolve({ lines, close: () => req.destroy() })
      },
    )
    req.on('error', reject)
  })
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
  expect(check()).toBe(true)
}
const settle = () => new Promise((r) => setTimeout(r, 100))

describe('the browser shell server', () => {
  it('serves the page with the bridge deferred ahead of the app script, so it holds up neither parsing nor fetching', async () => {
    await writeFile(
      path.join(dataDir, 'index.html'),
      '<!doctype html><html><head><link rel="stylesheet" href="./a.css"></head>' +
        '<body><div id="root"></div><script type="module" src="./a.js"></script></body></html>',
    )
    const page = await (await fetch(`http://127.0.0.1:${server.port}/`)).text()
    const bridge = page.indexOf('<script defer src="/__shell/bridge.js"></script>')
    expect(bridge).toBeGreaterThan(page.indexOf('<head>'))
    expect(bridge).toBeLessThan(page.indexOf('<script type="module"'))
    expect(page).not.toMatch(/<script src="\/__shell\/bridge\.js">/)
  })

  it('answers a body over the cap with 413 (then closes), not a dropped connection', async () => {
    const answer = await post('/__shell/open-link', Buffer.alloc(MAX_BODY + 4096, 'a'))
    expect(answer.status).toBe(413)
  })

  it('answers open-link with a JSON null (or no url) with 400, not 500', async () => {
    expect((await post('/__shell/open-link', 'null')).status).toBe(400)
    expect((await post('/__shell/open-link', '{"url":7}')).status).toBe(400)
    expect((await post('/__shell/open-link', '[]')).status).toBe(400)
  })

  it('a link that arrives with no page connected reaches the next page only after it says it is ready', async () => {
    const first = await connectPage()
    await services.handlers.rendererReady({})
    first.close()
    await settle()
    expect((await post('/__shell/open-link', JSON.stringify({ url: LINK }))).status).toBe(200)
    const next = await connectPage()
    await settle()
    expect(next.lines.filter((l) => l.includes('"onLink"'))).toEqual([])
    await services.handlers.rendererReady({})
    await until(() => next.lines.some((l) => l.includes('"onLink"')))
    expect(next.lines.filter((l) => l.includes('"onLink"'))).toHaveLength(1)
    expect(next.lines.join('\n')).not.toContain(TOKEN)
    next.close()
  })
})

describe('--open-link -', () => {
  it('reads the link from standard input, up to the line break', async () => {
    expect(await readLinkFrom(Readable.from([`${LINK.slice(0, 20)}`, `${LINK.slice(20)}\n`, 'more']))).toBe(
      LINK,
    )
    expect(await readLinkFrom(Readable.from([Buffer.from(LINK)]))).toBe(LINK)
  })

  it('posts a link over any the app opens cut just past the limit: under the body cap, still "too long"', async () => {
    const body = openLinkBody(LINK + 'a'.repeat(MAX_BODY * 2))
    expect(body.length).toBeLessThan(MAX_BODY)
    const url = (JSON.parse(body) as { url: string }).url
    expect(parseResetLink(url, ctx)).toMatchObject({ ok: false, reason: 'too-long' })
  })
})
