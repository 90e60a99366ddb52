import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe } from 'vitest'
import { silentLogger } from '../../src/main/log'
import { startDemoServer, type DemoServer } from '../../src/main/demo'
import { defineDjoserConformance } from './djoser-conformance'

/**
 * The team's djoser conformance suite (the one the real Django + djoser server passes) against the embedded demo
 * server, in its default configuration: stock djoser settings, the demo's throttles on, Django 3.2's 260000
 * PBKDF2 iterations. docs/demo-server.md lists where the demo differs from djoser on purpose.
 */
describe('the embedded demo server', () => {
  let dir: string
  let demo: DemoServer

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'demo-conformance-'))
    demo = await startDemoServer({ dataFile: path.join(dir, 'demo.json'), logger: silentLogger })
  })
  afterAll(async () => {
    await demo?.stop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  defineDjoserConformance('demo server', () => ({
    baseUrl: demo.baseUrl,
    createUser: (username, email, password) => demo.createUser({ username, email, password }),
    lastLinkFor(email) {
      const mail = demo.mailbox.list().find((m) => m.to === email)
      const match = mail && /\/reset\/([A-Za-z0-9_-]+)\/([0-9a-z]+-[0-9a-f]+)$/.exec(mail.link)
      if (!match) throw new Error(`no reset mail for ${email}`)
      return { uid: match[1] as string, token: match[2] as string }
    },
    async expireTokens() {
      // Past Django's default PASSWORD_RESET_TIMEOUT (3 days), as the Django test server's clock control does.
      demo.advanceTokenClock(259_200 + 1)
    },
  }))
})
