/**
 * Electron decodes response header bytes as UTF-8 (Chromium's HttpResponseHeaders → std::string → a JS string),
 * so a Latin-1 byte such as Django's 0xE9 arrives as U+FFFD; node:http reads them as Latin-1.
 */
const asElectronDecodes = (value: string): string => Buffer.from(value, 'latin1').toString('utf8')
const decodeHeaders = (raw: IncomingMessage['headers']): Record<string, string | string[]> => {
  const out: Record<string, string | string[]> = {}
  for (const [k, v] of Object.entries(raw))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.map(asElectronDecodes) : asElectronDecodes(v)
  return out
}

/**
 * A stand-in for Electron's `net.request` built on node:http, with the behaviour that matters here: in
 * `redirect: 'manual'` mode a 3xx is reported as a 'redirect' event and, unless followRedirect() is called
 * during that event, the request dies with "Redirect was cancelled" (as in Electron's ClientRequest). Response
 * headers come as arrays for Set-Cookie and are decoded as UTF-8; any status node:http parses (up to 999) is passed
 * on; abort() emits no error; a listener's throw is an uncaught exception, as in Electron's main process. Used to
 * run the adapters over createNetRequestFetch without Electron.
 */
import { ElectronEmitter } from '../helpers/electron-emitter'
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http'
import type {
  NetClientRequest,
  NetIncomingMessage,
  NetRequest,
  NetRequestOptions,
} from '../../src/main/http/net-request-fetch'

class FakeClientRequest extends ElectronEmitter {
  private readonly headers: Record<string, string> = {}
  private readonly chunks: Buffer[] = []
  private req: ClientRequest | null = null
  private aborted = false
  readonly setHeaderCalls: string[] = []

  constructor(private readonly options: NetRequestOptions) {
    super()
  }

  setHeader(name: string, value: string) {
    if (['host', 'content-length', 'connection'].includes(name.toLowerCase()))
      throw new Error('net::ERR_INVALID_ARGUMENT')
    this.setHeaderCalls.push(name.toLowerCase())
    this.headers[name] = value
  }

  write(chunk: Buffer) {
    this.chunks.push(chunk)
  }

  end() {
    const body = Buffer.concat(this.chunks)
    const req = httpRequest(this.options.url, {
      method: this.options.method,
      headers: { ...this.headers, ...(body.length ? { 'Content-Length': String(body.length) } : {}) },
    })
    this.req = req
    req.on('response', (res: IncomingMessage) => {
      if (this.aborted) return
      const status = res.statusCode ?? 0
      if ([301, 302, 303, 307, 308].includes(status)) {
        let followed = false
        const headers: Record<string, string[]> = {}
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) headers[k] = Array.isArray(v) ? v : [v]
        ;(this as unknown as { followRedirect: () => void }).followRedirect = () => {
          followed = true
        }
        this.emit('redirect', status, this.options.method, String(res.headers.location ?? ''), headers)
        res.resume()
        if (!followed && !this.aborted) this.emit('error', new Error('Redirect was cancelled'))
        return
      }
      const message = Object.assign(res, {
        statusCode: status,
        statusMessage: res.statusMessage ?? '',
        headers: decodeHeaders(res.headers),
      })
      this.emit('response', message as unknown as NetIncomingMessage)
    })
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (this.aborted) return
      const net =
        error.code === 'ECONNREFUSED' ? 'net::ERR_CONNECTION_REFUSED' : `net::ERR_FAILED (${error.code})`
      this.emit('error', new Error(net))
    })
    req.end(body)
  }

  abort() {
    this.aborted = true
    this.req?.destroy()
  }
}

export interface FakeNet {
  request: NetRequest
  /** Options of every request made, to check what the adapter asked Chromium for. */
  calls: NetRequestOptions[]
}

export function createFakeElectronNet(): FakeNet {
  const calls: NetRequestOptions[] = []
  return {
    calls,
    request: (options) => {
      calls.push(options)
      return new FakeClientRequest(options) as unknown as NetClientRequest
    },
  }
}
