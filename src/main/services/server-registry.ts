import { randomBytes } from 'node:crypto'
import type { ServerSummary } from '../../shared/contract'
import { fail, ok, type Result } from '../../shared/errors'
import { serverProfileSchema, type ServerProfile, type BackendKind } from '../../shared/profile'

/**
 * The servers the app knows, from every source, in order of precedence: the managed policy (locked), the
 * branding's defaults, the servers the user added, and the demo server while it runs. Ids are unique across
 * sources; the first source to claim an id or a host wins.
 */
export interface ServerEntry {
  profile: ServerProfile
  source: 'policy' | 'branding' | 'user' | 'demo'
  locked: boolean
}

export interface ServerRules {
  /** The policy forbids adding or removing servers. */
  locked: boolean
  httpsRequired: boolean
  /** Hosts the policy allows; empty = any. */
  allowedHosts: readonly string[]
}

export interface ServerRegistry {
  list(): ServerEntry[]
  get(id: string): ServerEntry | undefined
  profiles(): ServerProfile[]
  summaries(): ServerSummary[]
  add(input: { displayName: string; baseUrl: string; kind: BackendKind }): Result<ServerEntry>
  remove(id: string): Result<void>
  setDemo(profile: ServerProfile | null): void
  /** The user's servers as they go into settings.json. */
  userServers(): ServerProfile[]
}

export function summarize(entry: ServerEntry): ServerSummary {
  const { profile } = entry
  return {
    id: profile.id,
    displayName: profile.displayName,
    baseUrl: profile.baseUrl,
    host: new URL(profile.baseUrl).host,
    kind: profile.kind,
    passwordRules: profile.passwordRules,
    canCheckLink: profile.kind === 'django-forms',
    locked: entry.locked,
    demo: entry.source === 'demo',
  }
}

export function hostAllowed(baseUrl: string, rules: ServerRules): string | null {
  const url = new URL(baseUrl)
  if (rules.httpsRequired && url.protocol !== 'https:') return 'Your organisation requires https:// servers.'
  if (
    rules.allowedHosts.length > 0 &&
    !rules.allowedHosts.some((h) => h.toLowerCase() === url.hostname.toLowerCase())
  ) {
    return `Your organisation does not allow the server ${url.hostname}.`
  }
  return null
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'server'

export function createServerRegistry(opts: {
  policyServers: ServerProfile[]
  brandingServers: ServerProfile[]
  userServers: ServerProfile[]
  rules: ServerRules
  onChange: (userServers: ServerProfile[]) => void
}): ServerRegistry {
  let user = [...opts.userServers]
  let demo: ServerProfile | null = null

  const list = (): ServerEntry[] => {
    const out: ServerEntry[] = []
    const seenIds = new Set<string>()
    const seenHosts = new Set<string>()
    const push = (profile: ServerProfile, source: ServerEntry['source'], locked: boolean) => {
      const host = new URL(profile.baseUrl).host.toLowerCase()
      if (seenIds.has(profile.id) || seenHosts.has(host)) return
      if (source !== 'policy' && source !== 'demo' && hostAllowed(profile.baseUrl, opts.rules)) return
      seenIds.add(profile.id)
      seenHosts.add(host)
      out.push({ profile, source, locked })
    }
    for (const p of opts.policyServers) push(p, 'policy', true)
    for (const p of opts.brandingServers) push(p, 'branding', opts.rules.locked)
    if (!opts.rules.locked) for (const p of user) push(p, 'user', false)
    if (demo) push(demo, 'demo', true)
    return out
  }

  return {
    list,
    get: (id) => list().find((e) => e.profile.id === id),
    profiles: () => list().map((e) => e.profile),
    summaries: () => list().map(summarize),
    userServers: () => [...user],
    setDemo(profile) {
      demo = profile
    },
    add(input) {
      if (opts.rules.locked)
        return fail({ kind: 'policy', message: 'Your organisation manages the server list.' })
      const id = `${slug(input.displayName)}-${randomBytes(3).toString('hex')}`
      const parsed = serverProfileSchema.safeParse({
        id,
        displayName: input.displayName,
        baseUrl: input.baseUrl,
        kind: input.kind,
      })
      if (!parsed.success) {
        const fields: Record<string, string[]> = {}
        for (const issue of parsed.error.issues) {
          const key = String(issue.path[0] ?? 'form')
          ;(fields[key] ??= []).push(issue.message)
        }
        return fail({ kind: 'validation', message: 'Check the server details.', fields })
      }
      const refused = hostAllowed(parsed.data.baseUrl, opts.rules)
      if (refused) return fail({ kind: 'policy', message: refused })
      const host = new URL(parsed.data.baseUrl).host.toLowerCase()
      if (list().some((e) => new URL(e.profile.baseUrl).host.toLowerCase() === host)) {
        return fail({
          kind: 'validation',
          message: 'That server is already in the list.',
          fields: { baseUrl: ['That server is already in the list.'] },
        })
      }
      user = [...user, parsed.data]
      opts.onChange(user)
      return ok({ profile: parsed.data, source: 'user', locked: false })
    },
    remove(id) {
      const entry = list().find((e) => e.profile.id === id)
      if (!entry) return fail({ kind: 'not-found', message: 'That server is not in the list.' })
      if (entry.source !== 'user')
        return fail({ kind: 'policy', message: 'This server is managed and cannot be removed.' })
      user = user.filter((p) => p.id !== id)
      opts.onChange(user)
      return ok(undefined)
    },
  }
}
