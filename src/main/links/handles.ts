/**
 * Link handles: the renderer never sees a reset token. For each accepted link main keeps `{ serverId, uid, token }`
 * in memory under a random 128-bit handle and gives the renderer only the handle. A handle is single use
 * (`take` forgets it), expires, and dies with the process: nothing here is ever written anywhere.
 */
import { randomBytes } from 'node:crypto'
import type { ParsedResetLink } from './parse-reset-link'

export const DEFAULT_HANDLE_TTL_MS = 30 * 60 * 1000
/** More links than this at once is a flood, not a person: the oldest are forgotten first. */
export const MAX_LIVE_HANDLES = 32
const HANDLE_PATTERN = /^[0-9a-f]{32}$/

export interface RegisteredLink {
  handle: string
  serverId: string
  issuedAt: Date | null
}

/** What `take` and `peek` give back: everything needed to confirm the reset on the server. */
export interface LinkSecret {
  serverId: string
  uid: string
  token: string
  issuedAt: Date | null
}

export interface LinkHandles {
  add(link: ParsedResetLink): RegisteredLink
  /** Single use: returns the link and forgets it. Null for an unknown, used or expired handle. */
  take(handle: unknown): LinkSecret | null
  /** For checking a link without using it up. Null for an unknown, used or expired handle. */
  peek(handle: unknown): LinkSecret | null
  /** Forget one handle; true when it existed. */
  discard(handle: unknown): boolean
  /** Forget every handle for a server (the server was removed). Returns how many. */
  discardServer(serverId: string): number
  /** How many live (unexpired) handles there are. */
  size(): number
  clear(): void
}

export interface LinkHandlesOptions {
  /** Milliseconds since the epoch. */
  now: () => number
  ttlMs?: number
  /** 32 lowercase hex characters; defaults to crypto.randomBytes(16). */
  randomId?: () => string
}

interface Entry extends LinkSecret {
  expiresAt: number
}

export const randomHandleId = (): string => randomBytes(16).toString('hex')

export function createLinkHandles({
  now,
  ttlMs = DEFAULT_HANDLE_TTL_MS,
  randomId = randomHandleId,
}: LinkHandlesOptions): LinkHandles {
  const entries = new Map<string, Entry>()

  const sweep = () => {
    const t = now()
    for (const [handle, entry] of entries) if (entry.expiresAt <= t) entries.delete(handle)
  }
  const live = (handle: unknown): Entry | null => {
    sweep()
    if (typeof handle !== 'string' || !HANDLE_PATTERN.test(handle)) return null
    return entries.get(handle) ?? null
  }
  const secretOf = (e: Entry): LinkSecret => ({
    serverId: e.serverId,
    uid: e.uid,
    token: e.token,
    issuedAt: e.issuedAt,
  })

  return {
    add(link) {
      sweep()
      let handle = randomId()
      for (let i = 0; i < 4 && (entries.has(handle) || !HANDLE_PATTERN.test(handle)); i++)
        handle = randomHandleId()
      if (entries.has(handle) || !HANDLE_PATTERN.test(handle))
        throw new Error('Could not make a link handle.')
      while (entries.size >= MAX_LIVE_HANDLES) {
        const oldest = entries.keys().next().value
        if (oldest === undefined) break
        entries.delete(oldest)
      }
      entries.set(handle, {
        serverId: link.serverId,
        uid: link.uid,
        token: link.token,
        issuedAt: link.issuedAt,
        expiresAt: now() + ttlMs,
      })
      return { handle, serverId: link.serverId, issuedAt: link.issuedAt }
    },
    take(handle) {
      const entry = live(handle)
      if (!entry) return null
      entries.delete(handle as string)
      return secretOf(entry)
    },
    peek(handle) {
      const entry = live(handle)
      return entry ? secretOf(entry) : null
    },
    discard(handle) {
      return live(handle) !== null && entries.delete(handle as string)
    },
    discardServer(serverId) {
      let n = 0
      for (const [handle, entry] of entries)
        if (entry.serverId === serverId) {
          entries.delete(handle)
          n++
        }
      return n
    },
    size() {
      sweep()
      return entries.size
    },
    clear() {
      entries.clear()
    },
  }
}
