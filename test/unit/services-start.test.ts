import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LinkEvent } from '../../src/shared/contract'
import { createDeferredIntake } from '../../src/main/links/deferred-intake'
import { startTestServices } from '../helpers/service-deps'
import { TOKEN } from './links-fixtures'

const LINK = `accountdesk://accounts.example.com/reset/MQ/${TOKEN}`

let dataDir: string
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'account-desk-start-'))
  await writeFile(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({
      version: 1,
      servers: [{ id: 'corp', displayName: 'Corp', baseUrl: 'https://accounts.example.com', kind: 'djoser' }],
    }),
  )
})
afterEach(() => rm(dataDir, { recursive: true, force: true }))

describe('createServices resolves to started services', () => {
  it('every handler answers from loaded data at once: no "still starting" state exists', async () => {
    const services = await startTestServices(dataDir)
    const servers = await services.handlers.listServers({})
    expect(servers.ok && servers.value.map((s) => s.id)).toEqual(['corp'])
    const signOut = await services.handlers.signOut({ accountId: 'nobody' })
    expect(!signOut.ok && signOut.error.message).toEqual({ code: 'account.gone' })
    await services.stop()
  })

  it('a link taken at once is parsed against the loaded servers and queued for the renderer', async () => {
    const delivered: LinkEvent[] = []
    const services = await startTestServices(dataDir, {
      emit: (name, payload) => {
        if (name === 'onLink') delivered.push(payload as LinkEvent)
      },
    })
    expect(services.links.fromUrl(LINK, 'open-url')).toMatchObject({
      type: 'link',
      link: { serverId: 'corp' },
    })
    expect(delivered).toEqual([])
    await services.handlers.rendererReady({})
    expect(delivered).toMatchObject([{ type: 'link', link: { serverId: 'corp' } }])
    await services.stop()
  })

  it('links that came before the services wait in the deferred intake only, then go through the queue in order', async () => {
    const delivered: LinkEvent[] = []
    const early = createDeferredIntake('accountdesk')
    early.fromUrl(LINK, 'open-url')
    early.fromArgv(['app', '--', LINK.replace('/MQ/', '/Mg/')], 'argv')
    const services = await startTestServices(dataDir, {
      emit: (name, payload) => {
        if (name === 'onLink') delivered.push(payload as LinkEvent)
      },
    })
    early.attach(services.links)
    expect(early.pending()).toBe(0)
    await services.handlers.rendererReady({})
    expect(delivered.map((e) => e.type)).toEqual(['link', 'link'])
    expect(JSON.stringify(delivered)).not.toContain(TOKEN)
    await services.stop()
  })
})
