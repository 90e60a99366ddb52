import type { ServerDetection } from '../../shared/contract'
import { fail, type Result } from '../../shared/errors'
import { createHttpClient, type FetchLike, type HttpClient } from '../http/client'
import { startDeadline, type Deadline } from '../http/deadline'
import { isRedirectStatus, redirectTarget } from '../http/redirects'
import type { Logger } from '../log'
import { decide, PROBE_PATHS, type Observations, type Seen } from './detect-signals'

/** A few seconds in all: the user is looking at the form while it runs. */
export const DETECT_TIMEOUT_MS = 6000
/** Same-origin redirects followed per request (http → https on the same host is another origin: not followed). */
const MAX_HOPS = 3

const ACCEPT = {
  json: 'application/json',
  html: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
}

export interface DetectDeps {
  fetch: FetchLike
  logger: Logger
  userAgent?: string
  languages?: () => readonly string[]
  /** The user's Cancel (or leaving the screen). */
  signal?: AbortSignal
  timeoutMs?: number
}

/**
 * Which kind of server answers at an address (docs/server-setup.md, "How Account Desk recognises your server"):
 * five read-only requests, all at once, under one short deadline, on the address's own origin only. No cookie is
 * kept or sent, no credentials, nothing posted; a redirect to another site is noted, never followed. What the
 * answers prove is detect-signals.ts's decision.
 */
export async function detectKind(baseUrl: string, deps: DetectDeps): Promise<Result<ServerDetection>> {
  const http = createHttpClient({
    fetch: deps.fetch,
    logger: deps.logger,
    userAgent: deps.userAgent,
    languages: deps.languages,
  })
  const deadline = startDeadline(deps.timeoutMs ?? DETECT_TIMEOUT_MS, deps.signal)
  const started = Date.now()
  try {
    const ask = (name: keyof Observations, accept: string) => {
      const { method, path } = PROBE_PATHS[name]
      return probe(http, method, `${baseUrl}${path}`, accept, deadline, `detect.${name}`)
    }
    const [allauthConfig, djoserMe, djoserLogin, loginPage, resetPage] = await Promise.all([
      ask('allauthConfig', ACCEPT.json),
      ask('djoserMe', ACCEPT.json),
      ask('djoserLogin', ACCEPT.json),
      ask('loginPage', ACCEPT.html),
      ask('resetPage', ACCEPT.html),
    ])
    const observations: Observations = { allauthConfig, djoserMe, djoserLogin, loginPage, resetPage }
    const result = decide(observations, baseUrl)
    deps.logger.info('detect.done', {
      ms: Date.now() - started,
      found: result.ok ? result.value.found.map((f) => f.software) : [],
      error: result.ok ? undefined : result.error.kind,
    })
    return result
  } catch {
    return fail({ kind: 'internal', message: { code: 'internal.try-again' } })
  } finally {
    deadline.dispose()
  }
}

/** One request, following redirects within the origin; never throws. */
async function probe(
  http: HttpClient,
  method: 'GET' | 'OPTIONS',
  url: string,
  accept: string,
  deadline: Deadline,
  label: string,
): Promise<Seen> {
  let current = url
  for (let hop = 0; ; hop++) {
    const sent = await http.send({ method, url: current, headers: { Accept: accept }, deadline, label })
    if (!sent.ok) return { type: 'failed', error: sent.error }
    const response = { ...sent.value, url: current }
    if (!isRedirectStatus(response.status) || hop >= MAX_HOPS) return { type: 'answer', response }
    const target = redirectTarget(response, current)
    if (target.kind === 'other-origin') return { type: 'elsewhere', host: target.host }
    if (target.kind === 'invalid') return { type: 'answer', response }
    current = target.url
  }
}
