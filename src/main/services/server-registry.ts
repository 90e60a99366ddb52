import { randomBytes } from 'node:crypto'
import type { ServerSummary } from '../../shared/contract'
import { fail, ok, type FieldCodes, type Result } from '../../shared/errors'
import { say, type PlainMessageCode } from '../../shared/messages'
import { backendKind } from '../../shared/backend-kinds'
import {
  baseUrlSchema,
  serverProfileSchema,
  type BackendKind,
  type ServerProfile,
  type SignInWith,
} from '../../shared/profile'
import { applyPolicy, policyRefusal, type EffectivePolicy, type EffectiveSettings } from '../config/policy'

/**
 * The servers the app knows. Precedence and policy rules are `applyPolicy`'s (src/main/config/policy.ts):
 * the managed policy's servers (locked), the branding's defaults, the servers the user added. The demo server is
 * added last while it runs.
 */
export interface ServerEntry {
  profile: ServerProfile
  source: 'policy' | 'branding' | 'user' | 'demo'
  locked: boolean
}

export interface ServerRegistry {
  list(): ServerEntry[]
  get(id: string): ServerEntry | undefined
  profiles(): ServerProfile[]
  summaries(): ServerSummary[]
  /** What the policy decided for the current settings (demo, whether servers can be added, what was left out). */
  effective(): EffectiveSettings
  add(input: {
    displayName: string
    baseUrl: string
    kind: BackendKind
    signInWith?: SignInWith
  }): Result<ServerEntry>
  /**
   * Whether the user may add a server at this address (policy, form, not already listed), before anything is
   * sent to it: the address as the list would keep it, or why not.
   */
  vetAddress(baseUrl: string): Result<string>
  /** What the server said its people sign in with, kept on a server the user added. */
  learnSignInWith(id: string, signInWith: SignInWith): void
  remove(id: string): Result<void>
  setDemo(profile: ServerProfile | null): void
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
    canCheckLink: backendKind(profile.kind).canCheckLink,
    signInWith: profile.signInWith ?? backendKind(profile.kind).signInField,
    locked: entry.locked,
    demo: entry.source === 'demo',
  }
}

/** What the app says on a field of Add server that the profile's schema refused. */
const ISSUE_CODES: Partial<Record<string, PlainMessageCode>> = {
  baseUrl: 'server.address-rule',
  displayName: 'server.name-invalid',
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'server'

export function createServerRegistry(opts: {
  policy: EffectivePolicy
  brandingServers: ServerProfile[]
  userServers: ServerProfile[]
  demo: 'auto' | 'on' | 'off'
  onChange: (userServers: ServerProfile[]) => void
}): ServerRegistry {
  let user = [...opts.userServers]
  let demo: ServerProfile | null = null
  let effective = applyPolicy(
    { servers: user, brandingServers: opts.brandingServers, demo: opts.demo },
    opts.policy,
  )

  const update = (next: ServerProfile[]) => {
    user = next
    effective = applyPolicy(
      { servers: user, brandingServers: opts.brandingServers, demo: opts.demo },
      opts.policy,
    )
    opts.onChange(user)
  }
  const hostOf = (p: ServerProfile) => new URL(p.baseUrl).host.toLowerCase()
  const list = (): ServerEntry[] => {
    const entries: ServerEntry[] = [...effective.servers]
    if (demo && !entries.some((e) => e.profile.id === demo!.id || hostOf(e.profile) === hostOf(demo!))) {
      entries.push({ profile: demo, source: 'demo', locked: true })
    }
    return entries
  }

  const mayNotAdd = () => fail({ kind: 'policy', message: say('servers.managed') })
  /** The policy's refusal, or the server already in the list, for an address that parsed. */
  const refusalOf = (baseUrl: string) => {
    const refused = policyRefusal(baseUrl, opts.policy)
    if (refused) return fail({ kind: 'policy', message: refused })
    const host = new URL(baseUrl).host.toLowerCase()
    if (list().some((e) => hostOf(e.profile) === host)) {
      const message = say('server.already-listed')
      return fail({ kind: 'validation', message, fields: {}, fieldCodes: { baseUrl: [message] } })
    }
    return null
  }

  return {
    list,
    get: (id) => list().find((e) => e.profile.id === id),
    profiles: () => list().map((e) => e.profile),
    summaries: () => list().map(summarize),
    effective: () => effective,
    setDemo(profile) {
      demo = profile
    },
    add(input) {
      if (!effective.canAddServers) return mayNotAdd()
      const id = `${slug(input.displayName)}-${randomBytes(3).toString('hex')}`
      const parsed = serverProfileSchema.safeParse({
        id,
        displayName: input.displayName,
        baseUrl: input.baseUrl,
        kind: input.kind,
        ...(input.signInWith ? { signInWith: input.signInWith } : {}),
        ...(opts.policy.requestTimeoutMs !== null ? { timeoutMs: opts.policy.requestTimeoutMs } : {}),
      })
      if (!parsed.success) {
        const fieldCodes: FieldCodes = {}
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? 'form')
          ;(fieldCodes[field] ??= []).push(say(ISSUE_CODES[field] ?? 'server.details-invalid'))
        }
        return fail({ kind: 'validation', message: say('server.check-details'), fields: {}, fieldCodes })
      }
      const refused = refusalOf(parsed.data.baseUrl)
      if (refused) return refused
      update([...user, parsed.data])
      return ok({ profile: parsed.data, source: 'user', locked: false })
    },
    vetAddress(baseUrl) {
      if (!effective.canAddServers) return mayNotAdd()
      const parsed = baseUrlSchema.safeParse(baseUrl.trim())
      if (!parsed.success) {
        return fail({
          kind: 'validation',
          message: say('server.check-details'),
          fields: {},
          fieldCodes: { baseUrl: [say('server.address-rule')] },
        })
      }
      const address = parsed.data.replace(/\/+$/, '')
      return refusalOf(address) ?? ok(address)
    },
    remove(id) {
      const entry = list().find((e) => e.profile.id === id)
      if (!entry) return fail({ kind: 'not-found', message: say('server.not-listed') })
      if (entry.source !== 'user') return fail({ kind: 'policy', message: say('server.locked') })
      update(user.filter((p) => p.id !== id))
      return ok(undefined)
    },
    learnSignInWith(id, signInWith) {
      if (!user.some((p) => p.id === id && p.signInWith !== signInWith)) return
      update(user.map((p) => (p.id === id ? { ...p, signInWith } : p)))
    },
  }
}
