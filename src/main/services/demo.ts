import type { AppMessage } from '../../shared/messages'
import path from 'node:path'
import type { AppInfo, MailSummary } from '../../shared/contract'
import { serverProfileSchema, type ServerProfile } from '../../shared/profile'
import type { DemoServer } from '../demo'
import type { Logger } from '../log'

/** The demo server's place in the app: its profile, its mailbox, its credentials on the first screen. */
export const DEMO_SERVER_ID = 'demo'

export interface DemoController {
  running(): boolean
  profile(): ServerProfile | null
  info(): AppInfo['demo']
  mails(): MailSummary[]
  /** The link in a mail, for the link intake; null when there is no such mail. */
  linkOf(mailId: string): string | null
  reset(): Promise<void>
  stop(): Promise<void>
}

export async function startDemo(opts: {
  dataDir: string
  logger: Logger
  now: () => Date
  onMailCount: (count: number) => void
}): Promise<{ controller: DemoController; notice?: AppMessage }> {
  // Loaded only when the demo runs: it carries a password list and a whole server the app rarely needs.
  const { startDemoServer, toMailSummary } = await import('../demo')
  let demo: DemoServer | null = null
  demo = await startDemoServer({
    dataFile: path.join(opts.dataDir, 'demo-server.json'),
    logger: opts.logger,
    now: opts.now,
    onMail: () => opts.onMailCount(demo?.mailbox.list().length ?? 0),
    // The name people know it by in the app, not 127.0.0.1:<port>.
    siteName: 'Demo server',
  })
  const server = demo
  const profile = serverProfileSchema.parse({
    id: DEMO_SERVER_ID,
    displayName: 'Demo server',
    baseUrl: server.baseUrl,
    kind: 'djoser',
  })
  let stopped = false
  return {
    ...(server.notice ? { notice: server.notice } : {}),
    controller: {
      running: () => !stopped,
      profile: () => (stopped ? null : profile),
      // The password only while it still works: after a change or a reset the card says so instead.
      info: () => {
        const seeded = server.seedPasswordInUse()
        return {
          enabled: true,
          running: !stopped,
          username: server.account.username,
          ...(seeded ? { password: server.account.password } : {}),
          passwordChanged: !seeded,
          email: server.account.email,
        }
      },
      // Newest first, as the mailbox keeps them and a mail client lists them.
      mails: () => server.mailbox.list().map((mail) => toMailSummary(mail, server.linkWorks(mail))),
      linkOf: (mailId) => server.mailbox.get(mailId)?.link ?? null,
      reset: async () => {
        await server.reset()
        opts.onMailCount(0)
      },
      stop: async () => {
        if (stopped) return
        stopped = true
        await server.stop()
      },
    },
  }
}
