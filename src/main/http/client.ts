import { AxiosHeaders, getAdapter, type AxiosRequestConfig } from 'axios'
import { fail, ok, type AppError, type Result } from '../../shared/errors'
import type { Logger } from '../log'
import { acceptLanguageHeader } from './accept-language'
import type { Deadline } from './deadline'
import { capResponseBytes } from './response-cap'
import { classifyTransportError, transportFailureToAppError } from './transport-errors'

/** Node's fetch, Electron's net.fetch, or anything with the same call shape. */
export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

export interface HttpRequest {
  method: 'GET' | 'POST' | 'OPTIONS' | 'DELETE'
  url: string
  headers?: Record<string, string>
  body?: string
  /**
   * Whether sending it twice is harmless. GETs are; a POST is not unless the caller says so. Only idempotent
   * requests are ever retried, and only they may report a timeout as "nothing happened".
   */
  idempotent?: boolean
  deadline: Deadline
  /** What the request is for, for the log. Never a URL: URLs can hold reset tokens. */
  label: string
}

export interface HttpResponse {
  status: number
  /** Lower-case names; repeated headers joined with ", " (Set-Cookie is kept apart in `setCookies`). */
  headers: Record<string, string>
  setCookies: string[]
  body: string
  url: string
}

export interface HttpClient {
  /** Sends one request; never follows redirects (3xx come back as responses). Never throws. */
  send(request: HttpRequest): Promise<Result<HttpResponse>>
}

export interface HttpClientDeps {
  fetch: FetchLike
  logger: Logger
  userAgent?: string
  /** The app's languages, most wanted first: sent as Accept-Language on every request. */
  languages?: () => readonly string[]
  /** Test hook for the pause before a retry. */
  sleep?: (ms: number) => Promise<void>
}

/** Bodies the app reads are small; a portal or a misconfigured proxy may send megabytes. */
export const MAX_RESPONSE_BYTES = 2 * 1024 * 1024
const RETRY_PAUSE_MS = 250
const RETRYABLE_STATUS = new Set([502, 503, 504])

export const timeoutError = (mayHaveApplied: boolean): AppError => ({
  kind: 'timeout',
  message: { code: mayHaveApplied ? 'timeout.may-have-applied' : 'timeout.try-again' },
  mayHaveApplied,
})

export const cancelledError = (): AppError => ({ kind: 'cancelled', message: { code: 'cancelled' } })

/** Response headers as the app reads them; Set-Cookie apart, one entry per header as fetch's Headers keep them. */
function headerRecord(raw: AxiosHeaders): { headers: Record<string, string>; setCookies: string[] } {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(raw.toJSON(true))) {
    const key = name.toLowerCase()
    if (key === 'set-cookie' || value === undefined || value === null) continue
    headers[key] = String(value)
  }
  return { headers, setCookies: raw.getSetCookie() }
}

/**
 * Cookies are the adapters' business (their own jar), never the fetch implementation's. axios would say so with
 * `withCredentials: false`, but only on a Request it builds itself, which this client has it skip.
 */
const omitCredentials =
  (fetchFn: FetchLike): FetchLike =>
  (input, init) =>
    fetchFn(input, { ...init, credentials: 'omit' })

/** host[:port] of a URL, for "Can't reach …": never the path, which can hold a reset token. */
function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'the server'
  }
}

export function createHttpClient(deps: HttpClientDeps): HttpClient {
  const { logger } = deps
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  // axios's fetch adapter, called directly (axios's public `getAdapter`): `instance.request()` would merge this
  // config with the instance's defaults, run the interceptor chain and the request/response transforms, and
  // rebuild the headers twice, all for settings that never change per client: 0.08 of the 0.30 ms the client
  // added to a who-am-I on a local server (bench row 4). The adapter still resolves the config, builds the fetch
  // call, reads the body and raises axios's errors as `instance.request()` would.
  const toServer = capResponseBytes(omitCredentials(deps.fetch), MAX_RESPONSE_BYTES)
  // Request: null makes the adapter hand its URL and options to `fetch` as they are, instead of building a
  // Request that fetch then builds again (axios's documented setting for a custom fetch); Response: null keeps it
  // from wrapping response bodies in streams of its own (it would only do that for progress events).
  // @ts-expect-error axios's types leave out the null its README documents for these two
  const env: AxiosRequestConfig['env'] = { fetch: toServer, Request: null, Response: null }
  const adapter = getAdapter('fetch', { env })
  const fixed = {
    env,
    // 0 makes the adapter ask for `redirect: 'manual'`; the adapters follow same-origin redirects themselves,
    // and nothing follows a redirect to another origin.
    maxRedirects: 0,
    fetchOptions: { redirect: 'manual', cache: 'no-store' },
    validateStatus: () => true,
    // Bodies go out and come back as text, untouched. The size cap is capResponseBytes's (axios's own re-streams
    // every body), and the app only sends small bodies it wrote.
    responseType: 'text',
  } satisfies AxiosRequestConfig
  const userAgent = deps.userAgent ?? 'AccountDesk'

  type Attempt = { result: Result<HttpResponse>; transient: boolean }

  // The languages rarely change: the header is built again only when they do.
  let lastLanguages = ''
  let lastHeader: Record<string, string> = {}
  const languageHeader = (): Record<string, string> => {
    const languages = deps.languages?.() ?? []
    const joined = languages.join('\n')
    if (joined !== lastLanguages) {
      const header = acceptLanguageHeader(languages)
      lastLanguages = joined
      lastHeader = header ? { 'Accept-Language': header } : {}
    }
    return lastHeader
  }

  async function once(request: HttpRequest): Promise<Attempt> {
    const idempotent = request.idempotent ?? request.method !== 'POST'
    const started = Date.now()
    if (request.deadline.ended())
      return { result: endedError(request.deadline, idempotent, false), transient: false }
    try {
      const response = await adapter({
        ...fixed,
        // Lower case, as axios hands it to its adapters.
        method: request.method.toLowerCase(),
        url: request.url,
        data: request.body,
        headers: new AxiosHeaders({ 'User-Agent': userAgent, ...languageHeader(), ...request.headers }),
        signal: request.deadline.signal,
      })
      const { headers, setCookies } = headerRecord(
        // axios's fetch adapter always answers with AxiosHeaders built from the Response's Headers.
        response.headers instanceof AxiosHeaders ? response.headers : new AxiosHeaders(),
      )
      const body = typeof response.data === 'string' ? response.data : ''
      logger.debug('http.response', {
        label: request.label,
        method: request.method,
        status: response.status,
        ms: Date.now() - started,
      })
      if (response.status === 0) {
        // A spec-following fetch gives an opaque "redirect" with status 0 in manual mode.
        const result = fail<HttpResponse>({
          kind: 'unexpected-response',
          message: { code: 'redirect.not-followed' },
        })
        return { result, transient: false }
      }
      const result = ok({ status: response.status, headers, setCookies, body, url: request.url })
      return { result, transient: RETRYABLE_STATUS.has(response.status) }
    } catch (error) {
      if (request.deadline.ended())
        return { result: endedError(request.deadline, idempotent, true), transient: false }
      const failure = classifyTransportError(error)
      logger.info('http.failed', {
        label: request.label,
        method: request.method,
        failure,
        ms: Date.now() - started,
      })
      // Refused connections and DNS failures do not heal in a quarter of a second; broken connections often do.
      return {
        result: fail(transportFailureToAppError(failure, idempotent, hostOf(request.url))),
        transient: failure === 'broken',
      }
    }
  }

  function endedError(deadline: Deadline, idempotent: boolean, sent: boolean): Result<HttpResponse> {
    if (deadline.ended() === 'cancelled') return fail(cancelledError())
    return fail(timeoutError(sent && !idempotent))
  }

  return {
    async send(request) {
      const idempotent = request.idempotent ?? request.method !== 'POST'
      const first = await once(request)
      // Never retry what may change something on the server: a POST that reached it must not run twice.
      if (!idempotent || !first.transient || request.deadline.remainingMs() < RETRY_PAUSE_MS * 2)
        return first.result
      await sleep(RETRY_PAUSE_MS)
      if (request.deadline.ended()) return endedError(request.deadline, idempotent, false)
      logger.debug('http.retry', { label: request.label })
      return (await once(request)).result
    },
  }
}
