import { describe, expect, it } from 'vitest'
import { dispatch, isInvokeName } from '../../src/main/ipc/dispatch'
import { registerHandlers, type IpcMainLike } from '../../src/main/ipc/register'
import { createLogger } from '../../src/main/log'
import { channelOf, invokeNames, type Handlers } from '../../src/shared/contract'
import { ok } from '../../src/shared/errors'

/**
 * The one path every bridge call takes after its sender is checked (ipc-fuzz.test.ts drives it with random
 * payloads; these are the cases the fuzz cannot reach: an unknown channel, a handler that answers outside the
 * contract or throws) and what each logs.
 */
const INTERNAL = {
  ok: false,
  error: { kind: 'internal', message: { code: 'internal.bug' } },
}

function setup(handlers: Partial<Record<string, (request: unknown) => Promise<unknown>>>) {
  const lines: Record<string, unknown>[] = []
  const logger = createLogger((line) => lines.push(JSON.parse(line) as Record<string, unknown>), 'debug')
  const all = Object.fromEntries(
    invokeNames.map((name) => [name, handlers[name] ?? (async () => ok({}))]),
  ) as Handlers
  return { lines, logger, handlers: all }
}

describe('dispatch', () => {
  it('knows the contract channels and nothing else', () => {
    for (const name of invokeNames) expect(isInvokeName(name)).toBe(true)
    for (const name of ['', 'toString', '__proto__', 'listservers', 42, null, undefined])
      expect(isInvokeName(name)).toBe(false)
  })

  it('refuses a payload outside the request schema and logs which fields, never their values', async () => {
    const { lines, logger, handlers } = setup({})
    const result = await dispatch(handlers, 'removeServer', { serverId: 7, extra: 'Tr0ub4dor3xq' }, logger)
    expect(result).toEqual({
      ok: false,
      error: { kind: 'bad-request', message: { code: 'bad-request.form' } },
    })
    expect(lines).toEqual([
      expect.objectContaining({ level: 'warn', event: 'ipc.bad-payload', channel: 'removeServer' }),
    ])
    expect(lines[0]!['issues']).toEqual(expect.arrayContaining(['serverId']))
    expect(JSON.stringify(lines)).not.toContain('Tr0ub4dor3xq')
  })

  it('passes a valid request to its handler and returns the checked answer', async () => {
    const seen: unknown[] = []
    const { lines, logger, handlers } = setup({
      removeServer: async (request) => (seen.push(request), ok({})),
    })
    expect(await dispatch(handlers, 'removeServer', { serverId: 'corp' }, logger)).toEqual({
      ok: true,
      value: {},
    })
    expect(seen).toEqual([{ serverId: 'corp' }])
    expect(lines).toEqual([])
  })

  it('an absent payload is an empty request', async () => {
    const { logger, handlers } = setup({ listServers: async () => ok([]) })
    expect(await dispatch(handlers, 'listServers', undefined, logger)).toEqual({ ok: true, value: [] })
  })

  it('passes a typed failure through unchanged', async () => {
    const failure = { ok: false, error: { kind: 'not-found', message: { code: 'server.not-listed' } } }
    const { logger, handlers } = setup({ removeServer: async () => failure })
    expect(await dispatch(handlers, 'removeServer', { serverId: 'corp' }, logger)).toEqual(failure)
  })

  it('an answer outside the response schema becomes "internal" and is logged as a bad response', async () => {
    const { lines, logger, handlers } = setup({ listServers: async () => ok([{ id: 3 }]) })
    expect(await dispatch(handlers, 'listServers', {}, logger)).toEqual(INTERNAL)
    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', event: 'ipc.bad-response', channel: 'listServers' }),
    ])
    expect((lines[0]!['issues'] as string[]).length).toBeGreaterThan(0)
  })

  it('a handler that throws becomes "internal", logged with the error redacted', async () => {
    const { lines, logger, handlers } = setup({
      removeServer: async () => {
        throw new Error(
          'failed at https://accounts.example.com/reset/MQ/diusln-88aa9a15913d435fa538b434f728f58d',
        )
      },
    })
    expect(await dispatch(handlers, 'removeServer', { serverId: 'corp' }, logger)).toEqual(INTERNAL)
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        event: 'ipc.handler-threw',
        channel: 'removeServer',
        error: { name: 'Error', message: 'failed at [redacted]' },
      }),
    ])
  })
})

describe('registerHandlers', () => {
  it('registers one handler per channel and its return value removes them all', () => {
    const { logger, handlers } = setup({})
    const listeners = new Map<string, unknown>()
    const ipc: IpcMainLike = {
      handle: (channel, listener) => void listeners.set(channel, listener),
      removeHandler: (channel) => void listeners.delete(channel),
    }
    const unregister = registerHandlers(ipc, handlers, { isAppUrl: () => true, logger })
    expect([...listeners.keys()].sort()).toEqual(invokeNames.map(channelOf).sort())
    unregister()
    expect(listeners.size).toBe(0)
  })
})
