import type { FetchLike } from './client'

/**
 * The response size cap, in front of axios rather than inside it: axios's `maxContentLength` re-streams every
 * body through its progress tracker, which costs more per request than the round trip to a local server (bench
 * row 4). A body that declares its length, uncompressed, within the cap passes untouched; any other is counted as
 * it is read. Past the cap it fails with axios's own message, so transport-errors.ts reports it as too large.
 */
export function capResponseBytes(fetchFn: FetchLike, max: number): FetchLike {
  const tooLarge = () => new Error(`maxContentLength size of ${max} exceeded`)
  return async (input, init) => {
    const response = await fetchFn(input, init)
    if (!response.body) return response
    const declared = response.headers.get('content-length')
    const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity'
    if (declared !== null && /^\d+$/.test(declared) && !encoded) {
      if (Number(declared) > max) throw tooLarge()
      return response
    }
    let seen = 0
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength
          if (seen > max) controller.error(tooLarge())
          else controller.enqueue(chunk)
        },
      }),
    )
    return new Response(counted, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    })
  }
}
