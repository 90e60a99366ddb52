import http from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { z } from 'zod'
import { APP_ORIGIN } from '../../src/shared/app'
import type { EventName, EventPayloadOf } from '../../src/shared/contract'
import { dispatch, isInvokeName } from '../../src/main/ipc/dispatch'
import type { Logger } from '../../src/main/log'
import { createAppProtocolHandler } from '../../src/main/security/app-protocol'
import { RENDERER_CSP, SECURITY_HEADERS } from '../../src/main/security/csp'
import type { Services } from '../../src/main/services'
import { bridgeClientSource } from './bridge-client'

/**
 * The browser shell's HTTP side: serves the built renderer on 127.0.0.1 and carries the bridge over
 * `/__shell/*`. Every bridge request must carry the per-run secret and a Host header naming this very server
 * (so neither another local page nor a DNS-rebound name can call it). A development and test tool only.
 */
export const SHELL_CSP = RENDERER_CSP.replace("connect-src 'none'", "connect-src 'self'")
export const MAX_BODY = 64 * 1024
/** What `--open-link` posts: the link, nothing else. */
const openLinkRequestSchema = z.object({ url: z.string() })
/**
 * Events other than links kept for a page that is not connected yet (a reload, the first load); older ones are
 * dropped. Links wait in the services' queue instead, until a connected page says it is ready.
 */
const MAX_BACKLOG = 64

export interface BrowserShellServer {
  url: string
  port: number
  secret: string
  emit<K extends EventName>(name: K, payload: EventPayloadOf<K>): void
  close(): Promise<void>
}

export function secretsEqual(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`
}

export async function startShellServer(opts: {
  rendererDir: string
  services: () => Services
  logger: Logger
  port?: number
  secret?: string
}): Promise<BrowserShellServer> {
  const secret = opts.secret ?? randomBytes(32).toString('hex')
  const serveFile = createAppProtocolHandler(opts.rendererDir, readFile)
  const streams = new Set<http.ServerResponse>()
  const backlog: string[] = []
  let port = 0

  const send = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    type = 'application/json',
    extraHeaders: Record<string, string> = {},
  ) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    res.writeHead(status, {
      ...extraHeaders,
      ...SECURITY_HEADERS,
      'Content-Security-Policy': SHELL_CSP,
      'Content-Type': type,
      'Cache-Control': 'no-store',
    })
    res.end(text)
  }

  /** The body as text, or null when it is over the cap (the caller answers 413 and closes the connection). */
  const readBody = (req: http.IncomingMessage) =>
    new Promise<string | null>((resolve, reject) => {
      let size = 0
      const chunks: Buffer[] = []
      const onData = (chunk: Buffer) => {
        size += chunk.length
        if (size <= MAX_BODY) return void chunks.push(chunk)
        // Stop keeping it; what is still on its way is read and thrown away until the answer has gone out.
        req.off('data', onData)
        req.resume()
        resolve(null)
      }
      req.on('data', onData)
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
      req.on('error', reject)
    })

  const handleBridge = async (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => {
    if (!secretsEqual(req.headers['x-account-desk-secret'] as string | undefined, secret)) {
      return send(res, 403, {
        ok: false,
        error: { kind: 'bad-request', message: 'Missing or wrong shell secret.' },
      })
    }
    const origin = req.headers.origin
    if (origin !== undefined && !isAllowedHost(origin.replace(/^http:\/\//, ''), port)) {
      return send(res, 403, { ok: false, error: { kind: 'bad-request', message: 'Foreign origin.' } })
    }
    if (pathname === '/__shell/events' && req.method === 'GET') {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'application/x-ndjson',
        'Cache-Control': 'no-store',
      })
      // A new page has not said it is ready yet: links wait in the services' queue until it does.
      opts.services().rendererGone()
      res.write('\n')
      streams.add(res)
      for (const line of backlog.splice(0)) res.write(line)
      req.on('close', () => {
        streams.delete(res)
        if (streams.size === 0) opts.services().rendererGone()
      })
      return
    }
    if (req.method !== 'POST')
      return send(res, 405, { ok: false, error: { kind: 'bad-request', message: 'POST only.' } })
    let payload: unknown
    try {
      const text = await readBody(req)
      if (text === null) {
        res.once('finish', () => req.socket.end())
        return send(
          res,
          413,
          { ok: false, error: { kind: 'bad-request', message: 'The request is too large.' } },
          'application/json',
          { Connection: 'close' },
        )
      }
      payload = text ? JSON.parse(text) : {}
    } catch {
      return send(res, 400, {
        ok: false,
        error: { kind: 'bad-request', message: 'The request was not in the expected form.' },
      })
    }
    if (pathname === '/__shell/open-link') {
      const request = openLinkRequestSchema.safeParse(payload)
      if (!request.success)
        return send(res, 400, { ok: false, error: { kind: 'bad-request', message: 'No link.' } })
      opts.services().links.fromUrl(request.data.url, 'open-link-flag')
      return send(res, 200, { ok: true, value: {} })
    }
    const name = pathname.slice('/__shell/invoke/'.length)
    if (!pathname.startsWith('/__shell/invoke/') || !isInvokeName(name)) {
      return send(res, 404, { ok: false, error: { kind: 'bad-request', message: 'Unknown channel.' } })
    }
    return send(res, 200, await dispatch(opts.services().handlers, name, payload, opts.logger))
  }

  const server = http.createServer((req, res) => {
    if (!isAllowedHost(req.headers.host, port)) {
      res.writeHead(421, { 'Content-Type': 'text/plain' })
      return res.end('Misdirected request')
    }
    const pathname = (req.url ?? '/').split('?')[0] ?? '/'
    if (pathname.startsWith('/__shell/') && pathname !== '/__shell/bridge.js') {
      handleBridge(req, res, pathname).catch((error: unknown) => {
        opts.logger.error('shell.request-failed', { error })
        if (!res.headersSent)
          send(res, 500, { ok: false, error: { kind: 'internal', message: 'Shell error.' } })
      })
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'Method not allowed', 'text/plain')
    if (pathname === '/__shell/bridge.js')
      return send(res, 200, bridgeClientSource(), 'text/javascript; charset=utf-8')
    void serveFile(new Request(`${APP_ORIGIN}${pathname}`, { method: req.method })).then(async (response) => {
      let body = Buffer.from(await response.arrayBuffer())
      const type = response.headers.get('content-type') ?? 'application/octet-stream'
      if (type.startsWith('text/html')) {
        // The bridge is deferred, as Electron's preload does not hold up the page either: it still runs before
        // the app's module entry (deferred and module scripts run in document order), but the parser goes on, so
        // the stylesheet and the module preloads are fetched at once rather than after it (bench row 2).
        body = Buffer.from(
          body
            .toString('utf8')
            .replace("connect-src 'none'", "connect-src 'self'")
            .replace('<head>', '<head>\n    <script defer src="/__shell/bridge.js"></script>'),
        )
      }
      const headers = Object.fromEntries(response.headers.entries())
      headers['content-security-policy'] = SHELL_CSP
      res.writeHead(response.status, headers)
      res.end(req.method === 'HEAD' ? undefined : body)
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    secret,
    emit(name, payload) {
      // A link is never kept here: throwing leaves it at the head of the services' queue, which delivers it
      // when a page says it is ready (as the Electron shell does when its window is gone).
      if (name === 'onLink' && streams.size === 0) throw new Error('No page is connected.')
      const line = `${JSON.stringify({ name, payload })}\n`
      if (streams.size === 0) {
        backlog.push(line)
        if (backlog.length > MAX_BACKLOG) backlog.shift()
      }
      for (const res of streams) res.write(line)
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.end()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
