import type { AppMessage } from '../../shared/messages'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from '../log'
import { DjoserApp } from './djoser-app'
import { DEMO_ACCOUNT, DemoStore, type NewUser } from './demo-store'
import { MemoryMailbox, type DemoMail } from './reset-mail'
import { RateThrottle } from './throttle'

/**
 * The embedded demo server: the djoser endpoints the app calls, on 127.0.0.1, with a seeded demo account and an
 * in-memory mailbox in place of the user's inbox. Plain Node (node:http, node:crypto, node:fs): no Electron, no
 * native module. See docs/demo-server.md.
 */
export type { DemoMail } from './reset-mail'
export { toMailSummary } from './reset-mail'

export interface DemoServerOptions {
  /** The demo's database (JSON), e.g. `<userData>/demo-server.json`. Created and seeded when missing. */
  dataFile: string
  logger: Logger
  now?: () => Date
  /** Called for every mail the server sends, after it is in the mailbox. */
  onMail?: (mail: DemoMail) => void
  /** false turns throttling off (stock djoser); else token login 10/min per username, reset 5/min per address. */
  throttle?: false
  /** djoser's SITE_NAME, the name in its mails; the request's host when absent. */
  siteName?: string
}

export interface DemoServer {
  /** `http://127.0.0.1:<port>`: the server profile's base URL (djoser prefix `/auth/`). */
  baseUrl: string
  /** The seeded account the app shows to a new user. */
  account: { username: string; email: string; password: string }
  /** False once the demo account's password was changed or reset: `account.password` no longer signs in. */
  seedPasswordInUse(): boolean
  /** Whether the link in this mail would still be accepted: not used, superseded or expired. */
  linkWorks(mail: DemoMail): boolean
  /** Set when the data file could not be read and was moved aside: what the user is told. */
  notice?: AppMessage
  mailbox: MemoryMailbox
  /** Back to the seed: the demo account with its known password, no tokens, an empty mailbox. */
  reset(): Promise<void>
  stop(): Promise<void>
  /** For tests (never reachable over HTTP): add an account, as the Django test server's control endpoint does. */
  createUser(input: NewUser): Promise<void>
  /** For tests: move the reset-token clock forward, so outstanding tokens look older (expiry). */
  advanceTokenClock(seconds: number): void
}

/** Requests the demo reads at most; djoser's own requests are a few hundred bytes. */
const MAX_BODY_BYTES = 64 * 1024

/** The body as text, or null when it is larger than the demo reads. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const now = options.now ?? (() => new Date())
  const logger = options.logger
  const perMinute = (requests: number) => new RateThrottle(requests, 60, () => now().getTime())
  const throttles = options.throttle === false ? null : { login: perMinute(10), resetPassword: perMinute(5) }
  const { store, notice } = await DemoStore.open({ dataFile: options.dataFile, logger, now })
  const mailbox = new MemoryMailbox()

  const app = new DjoserApp({
    store,
    now,
    throttles,
    siteName: options.siteName,
    sendMail(mail) {
      mailbox.add(mail)
      // The mail holds a reset link: log that one was sent, never what it says.
      logger.info('demo.mail.sent', { mailId: mail.id, mailboxSize: mailbox.list().length })
      try {
        options.onMail?.(mail)
      } catch (error) {
        logger.warn('demo.mail.listener-failed', { error })
      }
    },
  })

  // One request at a time: djoser's views read and write the store across awaits (hashing runs off-thread).
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task)
    queue = run.catch(() => {})
    return run
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now()
    const body = await readBody(req)
    if (body === null) {
      res.writeHead(413, { Connection: 'close' }).end()
      req.destroy()
      logger.warn('demo.request.too-large', { method: req.method })
      return
    }
    const request = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: (req.url ?? '/').split('?')[0] as string,
      headers: req.headers,
      body,
    }
    const { response, route } = await serial(() => app.handle(request))
    res.writeHead(response.status, response.headers.flat()).end(response.body)
    // The route's name only: a path could hold a reset token.
    logger.debug('demo.request', {
      method: request.method,
      route,
      status: response.status,
      ms: Date.now() - started,
    })
  }

  const server = createServer((req, res) => {
    // A view that throws (a write that failed) is logged, and the client gets a bare 500.
    onRequest(req, res).catch((error) => {
      logger.error('demo.request.failed', { error })
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' })
      res.end()
    })
  })
  server.requestTimeout = 30_000
  server.headersTimeout = 10_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  const baseUrl = `http://127.0.0.1:${port}`
  logger.info('demo.started', { port })

  let stopped: Promise<void> | null = null
  return {
    baseUrl,
    account: { ...DEMO_ACCOUNT },
    seedPasswordInUse: () => store.seedPasswordInUse(),
    linkWorks: (mail) => app.linkWorks(mail.uid, mail.token),
    ...(notice ? { notice } : {}),
    mailbox,
    reset: () =>
      serial(async () => {
        await store.reset()
        mailbox.clear()
        throttles?.login.clear()
        throttles?.resetPassword.clear()
        app.tokenClockOffset = 0
        logger.info('demo.reset')
      }),
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }).then(async () => {
        // Every change was written before its answer: the last request's write is the last one.
        await queue
        logger.info('demo.stopped')
      })
      return stopped
    },
    createUser: (input) =>
      serial(async () => {
        await store.createUser(input)
      }),
    advanceTokenClock(seconds) {
      app.tokenClockOffset += seconds
    },
  }
}
