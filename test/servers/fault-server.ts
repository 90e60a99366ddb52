/**
 * A local HTTP server that misbehaves on purpose (security.md, failure cases 1–9): it hangs, stalls a body,
 * answers HTML where JSON is expected, redirects to another host, throttles, fails with 5xx pages, cuts JSON
 * short, or drops the connection. Each path is scripted by the test; every request is recorded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type Headers = Record<string, string | string[]>

export type FaultBehavior =
  /** A complete answer. */
  | { kind: 'reply'; status: number; headers?: Headers; body?: string }
  /** A complete JSON answer. */
  | { kind: 'json'; status: number; body: unknown; headers?: Headers }
  /** Reads the request and never answers. */
  | { kind: 'hang' }
  /** Sends the status line, the headers and part of the body, then nothing more (the connection stays open). */
  | { kind: 'stall'; status: number; headers?: Headers; partialBody: string; declaredLength: number }
  /** Sends the headers and part of the body, then closes the connection mid-body. */
  | { kind: 'cut'; status: number; headers?: Headers; partialBody: string; declaredLength: number }
  /** Closes the connection without an answer. */
  | { kind: 'destroy' }
  /** The n-th request gets the n-th behaviour; the last one repeats. */
  | { kind: 'sequence'; steps: FaultBehavior[] }

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: string
}

export interface FaultServer {
  baseUrl: string
  port: number
  /** Scripts `METHOD path` (path without the query string). Unscripted requests get a 404 JSON. */
  on(method: 'GET' | 'POST', path: string, behavior: FaultBehavior): void
  /** Forgets the scripts and the recorded requests. */
  reset(): void
  readonly requests: RecordedRequest[]
  close(): Promise<void>
}

export const htmlPage = (title: string, text = title) =>
  `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`

export async function startFaultServer(): Promise<FaultServer> {
  const scripts = new Map<string, { behavior: FaultBehavior; count: number }>()
  const requests: RecordedRequest[] = []
  const sockets = new Set<Socket>()

  const act = (behavior: FaultBehavior, count: number, req: IncomingMessage, res: ServerResponse): void => {
    switch (behavior.kind) {
      case 'sequence': {
        const steps = behavior.steps
        const step = steps[Math.min(count, steps.length - 1)]
        if (step) act(step, count, req, res)
        return
      }
      case 'reply':
        res.writeHead(behavior.status, behavior.headers ?? {})
        res.end(behavior.body ?? '')
        return
      case 'json': {
        const body = JSON.stringify(behavior.body)
        res.writeHead(behavior.status, { 'Content-Type': 'application/json', ...behavior.headers })
        res.end(body)
        return
      }
      case 'hang':
        return
      case 'stall':
      case 'cut':
        res.writeHead(behavior.status, {
          ...behavior.headers,
          'Content-Length': String(behavior.declaredLength),
        })
        res.write(behavior.partialBody)
        if (behavior.kind === 'cut') setTimeout(() => req.socket.destroy(), 20)
        return
      case 'destroy':
        req.socket.destroy()
        return
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/'
      requests.push({
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      })
      const script = scripts.get(`${req.method} ${path}`)
      if (!script) {
        res.writeHead(404, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify({ detail: 'Not found.' }))
        return
      }
      act(script.behavior, script.count++, req, res)
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    requests,
    on(method, path, behavior) {
      scripts.set(`${method} ${path}`, { behavior, count: 0 })
    },
    reset() {
      scripts.clear()
      requests.length = 0
    },
    close() {
      for (const socket of sockets) socket.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** An address where nothing listens: connecting is refused. */
export async function refusedBaseUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}
