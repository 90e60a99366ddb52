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

/**
 * An answer Electron passes through but a fetch Response cannot hold: a status outside 200–599 (Chromium passes
 * up to 999), a reason phrase or a header value beyond Latin-1 (Electron decodes header bytes as UTF-8, so
 * Django's Latin-1 bytes arrive as U+FFFD and a UTF-8 value as, say, Cyrillic). Its code is Chromium's
 * ERR_INVALID_RESPONSE, which transport-errors.ts reads as an `unexpected-response`.
 */
export class UnreadableResponseError extends Error {
  readonly code = 'ERR_INVALID_RESPONSE'
  constructor(status: number) {
    super(`net::ERR_INVALID_RESPONSE (status ${status}: not readable as a fetch Response)`)
    this.name = 'UnreadableResponseError'
  }
}

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
      /**
       * Settles the call with the Response `build` makes, or, when no Response can be built from what Electron
       * passed, with an UnreadableResponseError. Never throws: a throw in an Electron listener is an uncaught
       * main-process exception, and would leave this promise pending for ever.
       */
      const settleWith = (status: number, build: () => Response, opts: { finished: boolean }) => {
        settled = true
        try {
          const response = build()
          if (opts.finished) done()
          resolve(response)
        } catch {
          stream = null
          done()
          net.abort()
          reject(new UnreadableResponseError(status))
        }
      }

      net.on('redirect', (statusCode, _method, _url, headers) => {
        if (settled) return
        settleWith(
          statusCode,
          () => new Response(null, { status: statusCode, headers: toHeaders(headers) }),
          {
            finished: true,
          },
        )
        // Not followed: the caller decides (same-origin only).
        net.abort()
      })
      net.on('response', (response) => {
        if (settled) return
        const init = () => ({
          status: response.statusCode,
          statusText: response.statusMessage,
          headers: toHeaders(response.headers),
        })
        if (NULL_BODY.has(response.statusCode) || req.method === 'HEAD') {
          settleWith(response.statusCode, () => new Response(null, init()), { finished: true })
          return
        }
        settleWith(
          response.statusCode,
          () => {
            const responseInit = init()
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
            return new Response(readable, responseInit)
          },
          { finished: false },
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

      try {
        req.headers.forEach((value, name) => {
          if (!MANAGED.has(name.toLowerCase())) net.setHeader(name, value)
        })
        if (body && body.length > 0) net.write(body)
        net.end()
      } catch (error) {
        // A header or body Chromium refuses: nothing was sent.
        done()
        net.abort()
        if (!settled) {
          settled = true
          reject(error)
        }
      }
    })
  }
}
