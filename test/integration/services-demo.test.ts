import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/main/log'
import type { Services } from '../../src/main/services'
import { startTestServices } from '../helpers/service-deps'
import type { LinkEvent } from '../../src/shared/contract'

/** Out of the box: no server configured → the demo server runs, and every flow works through its mailbox. */
describe('services with no server configured (the demo)', () => {
  let dataDir: string
  let services: Services
  const links: LinkEvent[] = []
  const mailCounts: number[] = []
  const logs: string[] = []

  const start = async () => {
    services = await startTestServices(dataDir, {
      shell: 'browser-shell',
      scheme: 'accountdesk-dev',
      fetch: globalThis.fetch,
      logger: createLogger((line) => logs.push(line), 'debug'),
      emit: (name, payload) => {
        if (name === 'onLink') links.push(payload as LinkEvent)
        else mailCounts.push((payload as { count: number }).count)
      },
      now: () => new Date(),
      demo: 'auto',
    })
    await services.handlers.rendererReady({})
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'account-desk-demo-'))
    await start()
  })
  afterAll(async () => {
    await services?.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('starts the demo and shows its credentials', async () => {
    const info = await services.handlers.getAppInfo({})
    expect(info).toMatchObject({
      ok: true,
      value: { demo: { running: true, username: 'demo', email: 'demo@example.com' } },
    })
    expect(await services.handlers.listServers({})).toMatchObject({
      ok: true,
      value: [{ id: 'demo', demo: true, kind: 'djoser' }],
    })
  })

  it('walks forgot → mailbox → link → reset → sign in, with nothing configured', async () => {
    const info = await services.handlers.getAppInfo({})
    const demo = info.ok ? info.value.demo : { password: '' }
    expect((await services.handlers.requestReset({ serverId: 'demo', email: 'demo@example.com' })).ok).toBe(
      true,
    )
    expect(mailCounts.at(-1)).toBe(1)
    const mails = await services.handlers.listDemoMail({})
    expect(mails.ok && mails.value).toHaveLength(1)
    const mail = mails.ok ? mails.value[0]! : null
    // As a mail client shows it: the site is "Demo server", the link is in the text, and it still works.
    expect(mail?.subject).toBe('Password reset on Demo server')
    expect(mail?.text).toContain('The Demo server team')
    expect(mail?.link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/reset\/M/)
    expect(mail?.text).toContain(mail?.link)
    expect(mail?.linkWorks).toBe(true)
    expect(await services.handlers.openDemoMailLink({ mailId: mail!.id })).toEqual({ ok: true, value: {} })
    const event = links.at(-1)
    expect(event).toMatchObject({ type: 'link', link: { serverId: 'demo', serverName: 'Demo server' } })
    const handle = event?.type === 'link' ? event.link.handle : ''
    const weak = await services.handlers.confirmReset({
      handle,
      newPassword: 'password',
      retypePassword: 'password',
    })
    expect(weak).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: { newPassword: ['This password is too common.'] } },
    })
    const done = await services.handlers.confirmReset({
      handle,
      newPassword: 'Silver-Otter-73',
      retypePassword: 'Silver-Otter-73',
    })
    expect(done).toMatchObject({ ok: true, value: { serverId: 'demo' } })
    // The used link is marked as no longer working; the link is never in the log.
    const afterUse = await services.handlers.listDemoMail({})
    expect(afterUse.ok && afterUse.value[0]?.linkWorks).toBe(false)
    // A second mail comes first, as a mail client lists them (the mailbox marks the first one as the newest).
    await services.handlers.requestReset({ serverId: 'demo', email: 'demo@example.com' })
    const two = await services.handlers.listDemoMail({})
    expect(two.ok && two.value.map((m) => m.linkWorks)).toEqual([true, false])
    expect(logs.join('\n')).not.toContain(mail!.link!.split('/').at(-1))
    // The welcome card stops showing a password that no longer signs in.
    const after = await services.handlers.getAppInfo({})
    expect(after.ok && after.value.demo.password).toBeUndefined()
    expect(after.ok && after.value.demo.passwordChanged).toBe(true)
    expect(
      (await services.handlers.signIn({ serverId: 'demo', username: 'demo', password: demo.password ?? '' }))
        .ok,
    ).toBe(false)
    const signedIn = await services.handlers.signIn({
      serverId: 'demo',
      username: 'demo',
      password: 'Silver-Otter-73',
    })
    expect(signedIn).toMatchObject({
      ok: true,
      value: { username: 'demo', signedIn: true, sessionStorage: 'memory-only' },
    })
  })

  it('reset demo restores the seed and forgets demo accounts; the data survives a restart otherwise', async () => {
    await services.stop()
    await start()
    const stillChanged = await services.handlers.signIn({
      serverId: 'demo',
      username: 'demo',
      password: 'Silver-Otter-73',
    })
    expect(stillChanged.ok).toBe(true)
    const beforeReset = await services.handlers.getAppInfo({})
    expect(beforeReset.ok && beforeReset.value.demo).toMatchObject({ passwordChanged: true })
    expect(beforeReset.ok && beforeReset.value.demo.password).toBeUndefined()
    expect(await services.handlers.resetDemo({})).toEqual({ ok: true, value: {} })
    expect(await services.handlers.listAccounts({})).toEqual({ ok: true, value: [] })
    expect(await services.handlers.listDemoMail({})).toEqual({ ok: true, value: [] })
    const info = await services.handlers.getAppInfo({})
    const seeded = info.ok ? (info.value.demo.password ?? '') : ''
    expect(info.ok && info.value.demo).toMatchObject({
      password: 'orange-bicycle-42',
      passwordChanged: false,
    })
    expect(
      (await services.handlers.signIn({ serverId: 'demo', username: 'demo', password: seeded })).ok,
    ).toBe(true)
    expect(logs.join('\n')).not.toContain('Silver-Otter-73')
  })
})
