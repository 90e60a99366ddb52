import { createServer } from 'node:net'
import { describe, expect, test } from 'vitest'
import { createHttpClient } from '../../src/main/http/client'
import { startDeadline } from '../../src/main/http/deadline'
import { silentLogger } from '../../src/main/log'

/** A port that was just listening and is now closed: nothing answers there. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return address.port
}

describe('a server nobody answers at (a real closed port, Node fetch)', () => {
  for (const method of ['GET', 'POST'] as const) {
    test(`a ${method} is "unreachable", never "may have been made"`, async () => {
      const port = await closedPort()
      const client = createHttpClient({
        fetch: globalThis.fetch,
        logger: silentLogger,
        sleep: async () => {},
      })
      const deadline = startDeadline(10_000)
      try {
        const result = await client.send({
          method,
          url: `http://127.0.0.1:${port}/auth/token/login/`,
          body: method === 'POST' ? '{}' : undefined,
          deadline,
          label: 'test',
        })
        expect(result.ok).toBe(false)
        if (result.ok) return
        expect(result.error.kind).toBe('unreachable')
        // Not `connection.broken-may-have-applied` nor `request.failed-may-have-applied`: nothing was sent.
        expect(result.error.message).toEqual({ code: 'unreachable' })
      } finally {
        deadline.dispose()
      }
    })
  }
})
