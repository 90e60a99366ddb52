import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createTcpServer, type AddressInfo } from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import { detectKind } from '../../src/main/backends/detect-kind'
import { silentLogger } from '../../src/main/log'

/**
 * Add server's check against servers that are none of the kinds: nothing listening, a plain web site, a
 * single-page app that answers every path with its page, a site whose sign-in is elsewhere (single sign-on), and
 * one that never answers. Each is a real HTTP server on this machine; every request is recorded.
 */
type Handler = (req: IncomingMessage, res: ServerResponse) => void
const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()))
})

async function serve(handler: Handler) {
  const requests: { method: string; path: string; cookie: string | undefined }[] = []
  const server = createHttpServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', cookie: req.headers.cookie })
    handler(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  stops.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  const { port } = server.address() as AddressInfo
  return { baseUrl: `http://127.0.0.1:${port}`, requests }
}

const PAGE = '<!doctype html><html><head><title>Example</title></head><body><h1>Welcome</h1></body></html>'
const html = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Set-Cookie': 'visitor=1; Path=/' })
  res.end(body)
}

const detect = (baseUrl: string, timeoutMs?: number) =>
  detectKind(baseUrl, { fetch, logger: silentLogger, ...(timeoutMs ? { timeoutMs } : {}) })

describe('Add server’s check on servers that are none of the kinds', () => {
  test('nothing listening: "unreachable" with the host and port, in well under the deadline', async () => {
    const tcp = createTcpServer()
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve))
    const { port } = tcp.address() as AddressInfo
    await new Promise<void>((resolve) => tcp.close(() => resolve()))
    const started = performance.now()
    const result = await detect(`http://127.0.0.1:${port}`)
    expect(performance.now() - started).toBeLessThan(5000)
    expect(result).toMatchObject({ ok: false, error: { kind: 'unreachable', host: `127.0.0.1:${port}` } })
  })

  test('a plain web site (its pages, 404 elsewhere): reachable, none found; only reads, no cookie sent back', async () => {
    const site = await serve((req, res) =>
      req.url === '/' ? html(res, 200, PAGE) : html(res, 404, 'Not found'),
    )
    const result = await detect(site.baseUrl)
    expect(result).toEqual({ ok: true, value: { baseUrl: site.baseUrl, found: [] } })
    expect(site.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /_allauth/app/v1/config',
      'GET /accounts/login/',
      'GET /accounts/password_reset/',
      'GET /auth/users/me/',
      'OPTIONS /auth/token/login/',
    ])
    expect(site.requests.every((r) => r.cookie === undefined)).toBe(true)
  })

  test('a single-page app that answers every path with its page (200): still none found', async () => {
    const spa = await serve((_req, res) => html(res, 200, `${PAGE}<form><input name="q"></form>`))
    expect(await detect(spa.baseUrl)).toEqual({ ok: true, value: { baseUrl: spa.baseUrl, found: [] } })
  })

  test('a JSON API that is not djoser (a 401 without DRF’s detail, a 404 elsewhere): none found', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ error: 'unauthorized' }))
    })
    expect(await detect(api.baseUrl)).toMatchObject({ ok: true, value: { found: [] } })
  })

  test('a sign-in page that sends people to another site: named, never followed there', async () => {
    const sso = await serve((req, res) => {
      const next = {
        '/accounts/login/': '/sso/start',
        '/sso/start': 'https://login.example.net/authorize?x=1',
      }[req.url ?? '']
      if (!next) return html(res, 404, 'Not found')
      res.writeHead(302, { Location: next })
      res.end()
    })
    expect(await detect(sso.baseUrl)).toEqual({
      ok: true,
      value: { baseUrl: sso.baseUrl, found: [], signInElsewhere: 'login.example.net' },
    })
    // The same-origin hop was followed, the other site was not asked.
    expect(sso.requests.map((r) => r.path)).toContain('/sso/start')
  })

  test('a server that never answers: "took too long" once the check’s own deadline passes', async () => {
    const silent = await serve(() => {})
    const started = performance.now()
    const result = await detect(silent.baseUrl, 1500)
    const ms = performance.now() - started
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout', mayHaveApplied: false } })
    expect(ms).toBeGreaterThanOrEqual(1400)
    expect(ms).toBeLessThan(5000)
  })
})
