import type { z } from 'zod'
import type { BackendKind } from '../../shared/backend-kinds'
import { sessionBrand, type BackendSession } from './types'

/** What every adapter keeps inside the opaque BackendSession, besides its own fields (a token, cookies). */
export interface SessionBase {
  v: 1
  kind: BackendKind
  serverId: string
}

/**
 * The opaque sessions of one kind, described by `schema` (the kind's own fields on SessionBase). A session made
 * by another kind or for another server is never read as this one's: `read` and `restore` answer null for it.
 */
export function sessionCodec<Data extends SessionBase>(schema: z.ZodType<Data>) {
  const wrap = (data: Data): BackendSession => Object.freeze({ ...data, [sessionBrand]: data.kind })
  const valid = (raw: unknown, serverId: string): Data | null => {
    const parsed = schema.safeParse(raw)
    return parsed.success && parsed.data.serverId === serverId ? parsed.data : null
  }
  return {
    make: wrap,
    /** The adapter's data, when the session is of this kind and server; otherwise null. */
    read: (session: BackendSession, serverId: string): Data | null => valid(session, serverId),
    serialize: (session: BackendSession): string => JSON.stringify(session),
    /** Null when the string is not a session of this kind and server (then: sign in again). */
    restore(serialized: string, serverId: string): BackendSession | null {
      let raw: unknown
      try {
        raw = JSON.parse(serialized)
      } catch {
        return null
      }
      const data = valid(raw, serverId)
      return data ? wrap(data) : null
    },
  }
}
