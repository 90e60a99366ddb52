import { z } from 'zod'
import type { BackendKind } from '../../shared/backend-kinds'
import { sessionBrand, type BackendSession } from './types'

/** One cookie of a Django session's jar (http/cookies.ts `CookieJar.toJSON`), as a session keeps it. */
export const cookieSchema = z.object({
  name: z.string().min(1).max(256),
  value: z.string().max(4096),
  path: z.string().max(1024),
  expiresAt: z.number().optional(),
  secure: z.boolean().optional(),
})

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
  // A session this codec made from data that passed the schema is frozen: the calls that read it need not parse
  // it again (a session from anywhere else still is).
  const checked = new WeakMap<BackendSession, Data>()
  const wrap = (data: Data): BackendSession => {
    const session: BackendSession = Object.freeze({ ...data, [sessionBrand]: data.kind })
    const parsed = schema.safeParse(data)
    if (parsed.success) checked.set(session, parsed.data)
    return session
  }
  const valid = (raw: unknown, serverId: string): Data | null => {
    const parsed = schema.safeParse(raw)
    return parsed.success && parsed.data.serverId === serverId ? parsed.data : null
  }
  const read = (session: BackendSession, serverId: string): Data | null => {
    const data = checked.get(session)
    if (data) return data.serverId === serverId ? data : null
    return valid(session, serverId)
  }
  return {
    make: wrap,
    /** The adapter's data, when the session is of this kind and server; otherwise null. */
    read,
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
