import { describe, expect, test } from 'vitest'
import type { FetchLike } from '../../src/main/http/client'
import { capResponseBytes } from '../../src/main/http/response-cap'

const MAX = 16
const TOO_LARGE = `maxContentLength size of ${MAX} exceeded`

/** A fetch that answers with what `response` makes. */
const answering = (response: () => Response): FetchLike => {
  return async () => response()
}

const chunked = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk))
      controller.close()
    },
  })

describe('capResponseBytes', () => {
  test('a body without a declared length passes when within the cap, status and headers kept', async () => {
    const capped = capResponseBytes(
      answering(
        () =>
          new Response(chunked('0123456789', '012345'), {
            status: 201,
            statusText: 'Created',
            headers: { 'X-Kept': 'yes' },
          }),
      ),
      MAX,
    )
    const response = await capped('http://127.0.0.1:9/')
    expect(response.status).toBe(201)
    expect(response.statusText).toBe('Created')
    expect(response.headers.get('x-kept')).toBe('yes')
    expect(await response.text()).toBe('0123456789012345')
  })

  test('a body without a declared length fails as it passes the cap, with axios’s message', async () => {
    const capped = capResponseBytes(
      answering(() => new Response(chunked('0123456789', '0123456'))),
      MAX,
    )
    const response = await capped('http://127.0.0.1:9/')
    await expect(response.text()).rejects.toThrow(TOO_LARGE)
  })

  test('a declared length over the cap fails before the body is read; at the cap it passes untouched', async () => {
    const over = capResponseBytes(
      answering(() => new Response('x'.repeat(MAX + 1), { headers: { 'Content-Length': String(MAX + 1) } })),
      MAX,
    )
    await expect(over('http://127.0.0.1:9/')).rejects.toThrow(TOO_LARGE)
    const original = new Response('x'.repeat(MAX), { headers: { 'Content-Length': String(MAX) } })
    const at = capResponseBytes(
      answering(() => original),
      MAX,
    )
    expect(await at('http://127.0.0.1:9/')).toBe(original)
  })

  test('a declared length is not trusted when it is not a plain number or the body is compressed', async () => {
    for (const headers of [
      { 'Content-Length': '4', 'Content-Encoding': 'gzip' } as Record<string, string>,
      { 'Content-Length': '4, 4' },
      { 'Content-Length': '-1' },
    ]) {
      const capped = capResponseBytes(
        answering(() => new Response('x'.repeat(MAX + 1), { headers })),
        MAX,
      )
      const response = await capped('http://127.0.0.1:9/')
      await expect(response.text()).rejects.toThrow(TOO_LARGE)
    }
    const identity = capResponseBytes(
      answering(
        () =>
          new Response('x'.repeat(MAX + 1), {
            headers: { 'Content-Length': String(MAX + 1), 'Content-Encoding': 'identity' },
          }),
      ),
      MAX,
    )
    await expect(identity('http://127.0.0.1:9/')).rejects.toThrow(TOO_LARGE)
  })

  test('a response without a body is handed back as it is', async () => {
    const empty = new Response(null, { status: 204 })
    const capped = capResponseBytes(
      answering(() => empty),
      MAX,
    )
    expect(await capped('http://127.0.0.1:9/')).toBe(empty)
  })
})
