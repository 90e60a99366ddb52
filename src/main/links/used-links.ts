/**
 * The links this app has used to set a password, so that opening one again can say so ("you already used this
 * link here") instead of a sentence for every possible cause. Only a SHA-256 digest of server, uid and token is
 * kept, in memory, never the link or its token, and never on disk: the memory ends with the app.
 */
import { createHash } from 'node:crypto'

/** More than this many resets in one run of the app is not a person: the oldest are forgotten first. */
export const MAX_USED_LINKS = 256

export interface LinkIdentity {
  serverId: string
  uid: string
  token: string
}

export interface UsedLinks {
  /** The link set a password now. */
  remember(link: LinkIdentity): void
  /** When the link set a password in this app, or null. */
  usedAt(link: LinkIdentity): Date | null
}

const digest = ({ serverId, uid, token }: LinkIdentity): string =>
  createHash('sha256').update(`${serverId}\u0000${uid}\u0000${token}`).digest('hex')

export function createUsedLinks({ now }: { now: () => Date }): UsedLinks {
  const used = new Map<string, Date>()
  return {
    remember(link) {
      const key = digest(link)
      used.delete(key)
      used.set(key, now())
      while (used.size > MAX_USED_LINKS) {
        const oldest = used.keys().next().value
        if (oldest === undefined) break
        used.delete(oldest)
      }
    },
    usedAt: (link) => used.get(digest(link)) ?? null,
  }
}
