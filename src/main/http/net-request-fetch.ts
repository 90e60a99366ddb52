import type { FetchLike } from './client'

/**
 * A fetch built on Electron's `net.request`, for the app's main process.
 *
 * Why not `net.fetch` itself: with `redirect: 'manual'` it rejects every 3xx with "Redirect was cancelled"
 * instead of returning it, and Django needs 3xx answers read (the confirm link's redirect carries the session
 * cookie; a form post answers with a redirect). `net.request` reports the redirect as an event: this returns it as
 * a Response with its status and headers, like Node's fetch does, and follows nothing. It goes through
 * Chromium's network stack like net.fetch (system proxy, OS certificate store) and leaves cookies to the caller
 * (`credentials: 'omit'`).
 *
 * Electron-free: the app passes `net.request` in (`createNetRequestFetch((o) => net.request(o))`).
 */
export interface NetRequestOptions {
  method: string
  url: string
  redirect: 'manual'
  credentials: 'omit'
  cache: 'no-store'
}

export interface NetIncomingMessage {
  statusCode: number
  statusMessage: string
  headers: Record<string, string | string[]>
  on(event: 'data', listener: (chunk: Buffer) => void): unknown
  on(event: 'end', listener: () => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
}

export interface NetClientRequest {
  setHeader(name: string, value: string): void
  on(event: 'response', listener: (response: NetIncomingMessage) => void): unknown
  on(
    event: 'redirect',
    listener: (
      statusCode: number,
      method: string,
      redirectUrl: string,
      headers: Record<string, string[]>,
    ) => void,
  ): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  write(chunk: Buffer): void
  end(): void
  abort(): void
}

export type NetRequest = (options: NetRequestOptions) => NetClientRequest

/** Headers Chromium sets itself; setting them on a net request fails or breaks decoding. */
const MANAGED = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'accept-encoding',
  'expect',
  'upgrade',
  'te',
  'trailer',
])
const NULL_BODY = new Set([101, 204, 205, 304])

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
  }
  return headers
}

const abortReason = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('The operation was aborted.', 'AbortError')

export function createNetRequestFetch(request: NetRequest): FetchLike {
  return async (input, init) => {
    const req = new Request(input, init)
    if (req.signal.aborted) throw abortReason(req.signal)
    const body = req.method === 'GET' || req.method === 'HEAD' ? null : Buffer.from(await req.arrayBuffer())

    return new Promise<Response>((resolve, reject) => {
      let settled = false
      let stream: ReadableStreamDefaultController<Uint8Array> | null = null
      const net = request({
        method: req.method,
        url: req.url,
        redirect: 'manual',
        credentials: 'omit',
        cache: 'no-store',
      })

      const onAbort = () => {
        const reason = abortReason(req.signal)
        net.abort()
        if (!settled) {
          settled = true
          reject(reason)
        } else if (stream) {
          stream.error(reason)
          stream = null
        }
      }
      req.signal.addEventListener('abort', onAbort, { once: true })
      const done = () => req.signal.removeEventListener('abort', onAbort)

      net.on('redirect', (statusCode, _method, _url, headers) => {
        if (settled) return
        settled = true
        done()
        resolve(new Response(null, { status: statusCode, headers: toHeaders(headers) }))
        // Not followed: the caller decides (same-origin only).
        net.abort()
      })
      net.on('response', (response) => {
        if (settled) return
        settled = true
        const headers = toHeaders(response.headers)
        if (NULL_BODY.has(response.statusCode) || req.method === 'HEAD') {
          done()
          resolve(
            new Response(null, { status: response.statusCode, statusText: response.statusMessage, headers }),
          )
          return
        }
        const readable = new ReadableStream<Uint8Array>({
          start(controller) {
            stream = controller
            response.on('data', (chunk) => stream?.enqueue(new Uint8Array(chunk)))
            response.on('end', () => {
              done()
              stream?.close()
              stream = null
            })
            response.on('error', (error) => {
              done()
              stream?.error(error)
              stream = null
            })
          },
          cancel() {
            stream = null
            done()
            net.abort()
          },
        })
        resolve(
          new Response(readable, {
            status: response.statusCode,
            statusText: response.statusMessage,
            headers,
          }),
        )
      })
      net.on('error', (error) => {
        done()
        if (!settled) {
          settled = true
          reject(error)
        } else if (stream) {
          stream.error(error)
          stream = null
        }
      })

      req.headers.forEach((value, name) => {
        if (!MANAGED.has(name.toLowerCase())) net.setHeader(name, value)
      })
      if (body && body.length > 0) net.write(body)
      net.end()
    })
  }
}
