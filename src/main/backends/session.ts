import { z } from 'zod'
import type { StoredCookie } from '../http/cookies'
import type { BackendSession } from './types'

/** What an adapter keeps inside the opaque BackendSession. */
export type DjoserSessionData = { v: 1; kind: 'djoser'; serverId: string; token: string }
export type FormsSessionData = {
  v: 1
  kind: 'django-forms'
  serverId: string
  username: string
  cookies: StoredCookie[]
}
export type SessionData = DjoserSessionData | FormsSessionData

const cookieSchema = z.object({
  name: z.string().min(1).max(256),
  value: z.string().max(4096),
  path: z.string().max(1024),
  expiresAt: z.number().optional(),
  secure: z.boolean().optional(),
})

const sessionSchema = z.discriminatedUnion('kind', [
  z.object({
    v: z.literal(1),
    kind: z.literal('djoser'),
    serverId: z.string(),
    token: z.string().regex(/^[A-Za-z0-9._~+/=-]{1,512}$/),
  }),
  z.object({
    v: z.literal(1),
    kind: z.literal('django-forms'),
    serverId: z.string(),
    username: z.string().max(254),
    cookies: z.array(cookieSchema).max(50),
  }),
])

const wrap = (data: SessionData): BackendSession => Object.freeze({ ...data }) as unknown as BackendSession

export const makeSession = wrap

/** The adapter's data, when the session is of this kind and server; otherwise null. */
export function sessionData<K extends SessionData['kind']>(
  session: BackendSession,
  kind: K,
  serverId: string,
): Extract<SessionData, { kind: K }> | null {
  const parsed = sessionSchema.safeParse(session)
  if (!parsed.success || parsed.data.kind !== kind || parsed.data.serverId !== serverId) return null
  return parsed.data as Extract<SessionData, { kind: K }>
}

export const serializeSessionData = (session: BackendSession): string => JSON.stringify(session)

export function restoreSessionData(
  serialized: string,
  kind: SessionData['kind'],
  serverId: string,
): BackendSession | null {
  let raw: unknown
  try {
    raw = JSON.parse(serialized)
  } catch {
    return null
  }
  const parsed = sessionSchema.safeParse(raw)
  if (!parsed.success || parsed.data.kind !== kind || parsed.data.serverId !== serverId) return null
  return wrap(parsed.data)
}
