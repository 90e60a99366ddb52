import { contract, invokeNames, type Handlers, type InvokeName } from '../../shared/contract'
import { fail, type Result } from '../../shared/errors'
import type { Logger } from '../log'

/**
 * Runs one bridge call: validates the payload against the contract, calls the handler, and turns anything
 * thrown into a typed `internal` error. Shared by the Electron IPC wrapper and the browser shell, so both
 * refuse the same payloads with the same answers. Nothing crosses as a thrown error.
 */
export function isInvokeName(name: unknown): name is InvokeName {
  return typeof name === 'string' && (invokeNames as string[]).includes(name)
}

export async function dispatch(
  handlers: Handlers,
  name: InvokeName,
  payload: unknown,
  logger: Logger,
): Promise<Result<unknown>> {
  const spec = contract.invoke[name]
  const parsed = spec.request.safeParse(payload ?? {})
  if (!parsed.success) {
    logger.warn('ipc.bad-payload', {
      channel: name,
      issues: parsed.error.issues.map((i) => i.path.join('.')),
    })
    return fail({ kind: 'bad-request', message: { code: 'bad-request.form' } })
  }
  try {
    const handler = handlers[name] as (request: unknown) => Promise<Result<unknown>>
    const result = await handler(parsed.data)
    if (result.ok) {
      const checked = spec.response.safeParse(result.value)
      if (!checked.success) {
        logger.error('ipc.bad-response', {
          channel: name,
          issues: checked.error.issues.map((i) => i.path.join('.')),
        })
        return fail({ kind: 'internal', message: { code: 'internal.bug' } })
      }
      return { ok: true, value: checked.data }
    }
    return result
  } catch (error) {
    logger.error('ipc.handler-threw', { channel: name, error })
    return fail({ kind: 'internal', message: { code: 'internal.bug' } })
  }
}
