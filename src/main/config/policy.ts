import { z } from 'zod'
import { SUPPORTED_LANGUAGES, type SupportedLanguage } from '../../shared/language'
import { serverProfileSchema, type ServerProfile } from '../../shared/profile'
import type { Logger } from '../log'
import { formatIssues, parseJsonText } from './config-issues'

import { nodePolicyIo, readMachinePolicy, type MachinePolicyRead, type PolicyIo } from './machine-policy'
import type { PolicyLocation } from './policy-paths'

export { policyLocation, POLICY_ENV_VAR, POLICY_FILE_NAME, type PolicyLocation } from './policy-paths'

/**
 * The managed policy: a JSON file IT deploys at a fixed per-OS path (see policy-paths.ts and
 * docs/deploying.md). It wins over what the user set. A policy file that exists but cannot be used never crashes
 * the app and is never ignored: the app says what is wrong, with the file's path, and runs in the safest mode
 * (no server can be added, only the servers built into the app, https only, demo off) until it is fixed.
 */

export interface Notice {
  level: 'info' | 'warning' | 'error'
  message: string
}

/** The largest policy file read (a policy is a few kilobytes; this stops a runaway file). */
export const MAX_POLICY_BYTES = 1_000_000

/** A host as the URL parser writes it: lowercase, punycode, IPv6 in brackets; no port, path or wildcard. */
const hostSchema = z
  .string()
  .trim()
  .min(1, 'A host may not be empty.')
  .superRefine((value, ctx) => {
    if (/[*?]/.test(value)) {
      ctx.addIssue({ code: 'custom', message: `"${value}": wildcards are not supported; list each host.` })
      return
    }
    if (/[/@\s]|:\/\//.test(value) || (/:/.test(value) && !value.startsWith('['))) {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not a host name: write only the host, e.g. "accounts.example.org" (no scheme, port or path).`,
      })
      return
    }
    try {
      new URL(`https://${value}/`)
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a valid host name.` })
    }
  })
  .transform((value) => new URL(`https://${value}/`).hostname)

const timeoutSchema = z
  .number()
  .int()
  .min(1000, 'At least 1000 ms.')
  .max(120000, 'At most 120000 ms (two minutes).')

export const policyFileSchema = z
  .object({
    /** Optional pointer for editors; ignored. */
    $schema: z.string().optional(),
    version: z.literal(1, 'The only policy version is 1.').optional(),
    /** Servers every user gets; they cannot be edited or removed. ServerProfile inputs, with password rules. */
    servers: z.array(serverProfileSchema).max(100, 'At most 100 servers.').default([]),
    /** true: users cannot add servers; only the policy's and the branding's servers are shown. */
    lockServers: z.boolean().default(false),
    /** When present, only servers on these hosts are allowed (policy, branding and user servers alike). */
    allowedHosts: z
      .array(hostSchema)
      .min(1, 'List at least one host, or leave allowedHosts out to allow any host.')
      .max(1000)
      .optional(),
    /** true: plain http:// servers (allowed otherwise for this computer only) are refused. */
    httpsRequired: z.boolean().default(false),
    /** false: the embedded demo server never starts. */
    demo: z.boolean().default(true),
    /** true: ACCOUNT_DESK_POLICY may replace this policy in the installed app (IT's test machines). */
    allowTestPolicy: z.boolean().default(false),
    /** The app's language for every user ("en", "de"): the choice in the app is then disabled. */
    language: z
      .enum(
        SUPPORTED_LANGUAGES,
        `The language is one of ${SUPPORTED_LANGUAGES.map((l) => `"${l}"`).join(', ')}.`,
      )
      .optional(),
    timeouts: z
      .object({
        /** The deadline of every request to a server the policy does not list with its own timeoutMs. */
        requestMs: timeoutSchema.optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((policy, ctx) => {
    const ids = new Map<string, number>()
    const hosts = new Map<string, number>()
    policy.servers.forEach((server, index) => {
      const url = new URL(server.baseUrl)
      const host = url.host.toLowerCase()
      if (ids.has(server.id))
        ctx.addIssue({
          code: 'custom',
          path: ['servers', index, 'id'],
          message: `The id "${server.id}" is already used by servers[${ids.get(server.id)}].`,
        })
      if (hosts.has(host))
        ctx.addIssue({
          code: 'custom',
          path: ['servers', index, 'baseUrl'],
          message: `The server ${host} is already listed as servers[${hosts.get(host)}].`,
        })
      ids.set(server.id, index)
      hosts.set(host, index)
      if (policy.httpsRequired && url.protocol !== 'https:')
        ctx.addIssue({
          code: 'custom',
          path: ['servers', index, 'baseUrl'],
          message: `${server.baseUrl} is http://, but httpsRequired is true.`,
        })
      if (policy.allowedHosts && !policy.allowedHosts.includes(url.hostname))
        ctx.addIssue({
          code: 'custom',
          path: ['servers', index, 'baseUrl'],
          message: `The host ${url.hostname} is not in allowedHosts.`,
        })
    })
  })

export type PolicyFileInput = z.input<typeof policyFileSchema>

/** The policy as the app applies it. */
export interface EffectivePolicy {
  /** none: no policy file (normal); applied: a valid policy; invalid: a policy file that cannot be used. */
  status: 'none' | 'applied' | 'invalid'
  /** The policy file that was read, or null. */
  file: string | null
  /** The policy's servers, with the policy's request timeout applied where they set none. */
  servers: ServerProfile[]
  /** Users cannot add (or remove) servers. */
  lockServers: boolean
  /** Only these hosts are allowed; empty = any host. */
  allowedHosts: string[]
  httpsRequired: boolean
  /** false: the demo server never starts. */
  demo: boolean
  /** The deadline for servers that do not come from the policy (branding and user servers), or null. */
  requestTimeoutMs: number | null
  /** ACCOUNT_DESK_POLICY may replace this policy in the installed app. */
  allowTestPolicy: boolean
  /** The language every user gets, or null: each user's choice (or their system's). */
  language: SupportedLanguage | null
}

export const NO_POLICY: EffectivePolicy = Object.freeze({
  status: 'none',
  file: null,
  servers: [],
  lockServers: false,
  allowedHosts: [],
  httpsRequired: false,
  demo: true,
  requestTimeoutMs: null,
  allowTestPolicy: false,
  language: null,
}) as EffectivePolicy

/** What applies while a policy file exists but cannot be used: the most restrictive reading. */
export function safeModePolicy(file: string): EffectivePolicy {
  return {
    status: 'invalid',
    file,
    servers: [],
    lockServers: true,
    allowedHosts: [],
    httpsRequired: true,
    demo: false,
    requestTimeoutMs: null,
    allowTestPolicy: false,
    language: null,
  }
}

/** Validates parsed policy JSON; `problems` are lines naming the field, for people. */
export function parsePolicy(
  value: unknown,
  file: string,
): { ok: true; policy: EffectivePolicy } | { ok: false; problems: string[] } {
  const parsed = policyFileSchema.safeParse(value, { reportInput: true })
  if (!parsed.success) return { ok: false, problems: formatIssues(parsed.error) }
  const data = parsed.data
  const requestMs = data.timeouts.requestMs ?? null
  // A server's own timeoutMs wins; otherwise the policy's request timeout applies.
  const rawServers = (value as { servers?: unknown[] }).servers ?? []
  const servers = data.servers.map((server, index) => {
    const raw = rawServers[index] as Record<string, unknown> | undefined
    const ownTimeout = raw !== undefined && raw['timeoutMs'] !== undefined
    return requestMs !== null && !ownTimeout ? { ...server, timeoutMs: requestMs } : server
  })
  return {
    ok: true,
    policy: {
      status: 'applied',
      file,
      servers,
      lockServers: data.lockServers,
      allowedHosts: data.allowedHosts ?? [],
      httpsRequired: data.httpsRequired,
      demo: data.demo,
      requestTimeoutMs: requestMs,
      allowTestPolicy: data.allowTestPolicy,
      language: data.language ?? null,
    },
  }
}

export type ReadTextFile = (file: string) => Promise<string>

export interface LoadPolicyOptions {
  /** Reads the machine policy from its per-OS sources (readMachinePolicy in machine-policy.ts). */
  readMachine?: () => Promise<MachinePolicyRead>
  /** Without readMachine: one machine policy file, read with readFile (tools and tests). */
  path?: string
  /** ACCOUNT_DESK_POLICY (policyLocation().override). */
  overridePath?: string | null
  /**
   * Whether ACCOUNT_DESK_POLICY may apply on its own (policyLocation().overrideAllowed: only an unpackaged app).
   * Otherwise it applies only when the machine policy sets allowTestPolicy. Default true.
   */
  overrideAllowed?: boolean
  /** Reads a file as UTF-8; rejects with a Node error (`code` ENOENT etc.) when it cannot. */
  readFile: ReadTextFile
  logger: Logger
  /** The branded product name, for messages. */
  appName?: string
}

export interface PolicyLoadResult {
  policy: EffectivePolicy
  notices: Notice[]
}

type ReadOutcome =
  { kind: 'missing' } | { kind: 'text'; text: string } | { kind: 'unreadable'; problem: string }

async function readPolicyFile(file: string, readFile: ReadTextFile): Promise<ReadOutcome> {
  try {
    const text = await readFile(file)
    if (typeof text !== 'string') return { kind: 'unreadable', problem: 'it could not be read as text' }
    return { kind: 'text', text }
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    if (code === 'ENOENT') return { kind: 'missing' }
    if (code === 'EACCES' || code === 'EPERM')
      return { kind: 'unreadable', problem: 'the app is not allowed to read it (check its permissions)' }
    if (code === 'EISDIR') return { kind: 'unreadable', problem: 'it is a folder, not a file' }
    if (code === 'ENOTDIR')
      return { kind: 'unreadable', problem: 'a part of its path is a file, not a folder' }
    return {
      kind: 'unreadable',
      problem: `it could not be read (${typeof code === 'string' ? code : 'unknown error'})`,
    }
  }
}

function invalid(file: string, problems: string[], appName: string, logger: Logger): PolicyLoadResult {
  logger.error('policy.invalid', { file, problems })
  return {
    policy: safeModePolicy(file),
    notices: [
      {
        level: 'error',
        message:
          `The policy file ${file} from your organisation could not be used: ${problems.join('; ')}. ` +
          `Until it is fixed, no server can be added, only the servers built into ${appName} are shown, ` +
          `plain http:// servers are refused and the demo is off. Please tell your IT team.`,
      },
    ],
  }
}

function interpret(file: string, text: string, appName: string, logger: Logger): PolicyLoadResult {
  if (text.length > MAX_POLICY_BYTES)
    return invalid(file, [`it is larger than ${MAX_POLICY_BYTES / 1_000_000} MB`], appName, logger)
  const json = parseJsonText(text)
  if (!json.ok) return invalid(file, [json.problem], appName, logger)
  if (json.value === null || typeof json.value !== 'object' || Array.isArray(json.value))
    return invalid(file, ['it must hold one JSON object ({ … })'], appName, logger)
  const parsed = parsePolicy(json.value, file)
  if (!parsed.ok) return invalid(file, parsed.problems, appName, logger)
  const { policy } = parsed
  logger.info('policy.applied', {
    file,
    servers: policy.servers.length,
    lockServers: policy.lockServers,
    allowedHosts: policy.allowedHosts.length,
    httpsRequired: policy.httpsRequired,
    demo: policy.demo,
  })
  return { policy, notices: [] }
}

async function readSingleFile(file: string, readFile: ReadTextFile): Promise<MachinePolicyRead> {
  const read = await readPolicyFile(file, readFile)
  return read.kind === 'missing' ? read : { ...read, source: file }
}

function fromOverride(override: string, readFile: ReadTextFile, appName: string, logger: Logger) {
  return readPolicyFile(override, readFile).then((read) => {
    if (read.kind === 'missing')
      return invalid(
        override,
        ['ACCOUNT_DESK_POLICY names this file, but it does not exist'],
        appName,
        logger,
      )
    const result =
      read.kind === 'text'
        ? interpret(override, read.text, appName, logger)
        : invalid(override, [read.problem], appName, logger)
    if (result.policy.status === 'applied')
      result.notices.push({
        level: 'info',
        message: `Using the test policy ${override} (set by ACCOUNT_DESK_POLICY).`,
      })
    return result
  })
}

/**
 * Reads the managed policy. Precedence: the machine policy (if one exists, valid or not); else the file
 * ACCOUNT_DESK_POLICY names, when the app is unpackaged; else no policy. In an installed app ACCOUNT_DESK_POLICY
 * applies only when the machine policy sets allowTestPolicy. Never throws.
 */
export async function loadPolicy(options: LoadPolicyOptions): Promise<PolicyLoadResult> {
  const { readFile, logger } = options
  const override = options.overridePath ?? null
  const overrideAllowed = options.overrideAllowed ?? true
  const appName = options.appName ?? 'Account Desk'
  const machineName = options.path ?? 'the machine policy'
  try {
    const fromMachine = options.readMachine
      ? await options.readMachine()
      : options.path
        ? await readSingleFile(options.path, readFile)
        : { kind: 'missing' as const }
    if (fromMachine.kind !== 'missing') {
      const machine = fromMachine.source
      const result =
        fromMachine.kind === 'text'
          ? interpret(machine, fromMachine.text, appName, logger)
          : invalid(machine, [fromMachine.problem], appName, logger)
      if (override !== null && override !== machine) {
        if (result.policy.allowTestPolicy) {
          logger.warn('policy.test-policy-allowed', { file: override, machine })
          return await fromOverride(override, readFile, appName, logger)
        }
        logger.warn('policy.override-ignored', { file: override, machine })
        result.notices.push({
          level: 'warning',
          message: `ACCOUNT_DESK_POLICY (${override}) is ignored: the policy ${machine} from your organisation applies.`,
        })
      }
      return result
    }
    if (override === null) {
      logger.info('policy.none', { file: machineName })
      return { policy: NO_POLICY, notices: [] }
    }
    if (!overrideAllowed) {
      logger.warn('policy.override-ignored', { file: override, packaged: true })
      return {
        policy: NO_POLICY,
        notices: [
          {
            level: 'warning',
            message: `ACCOUNT_DESK_POLICY (${override}) is ignored: the installed ${appName} takes its policy only from your organisation.`,
          },
        ],
      }
    }
    return await fromOverride(override, readFile, appName, logger)
  } catch (error) {
    // Nothing above should throw; if it does, the safest reading still applies.
    logger.error('policy.load-failed', { error })
    return invalid(override ?? machineName, ['it could not be read (unexpected error)'], appName, logger)
  }
}

/** Loads the policy from where policyLocation() says it lives, through `io` (this machine's by default). */
export function loadPolicyAt(
  location: PolicyLocation,
  options: { io?: PolicyIo | undefined; logger: Logger; appName: string },
): Promise<PolicyLoadResult> {
  const io = options.io ?? nodePolicyIo()
  const { logger } = options
  return loadPolicy({
    readMachine: () =>
      readMachinePolicy(location.sources, io, (source, problem) =>
        logger.warn('policy.source-unavailable', { source, problem }),
      ),
    overridePath: location.override,
    overrideAllowed: location.overrideAllowed,
    readFile: io.readFile,
    logger,
    appName: options.appName,
  })
}

/** Why the policy refuses a server at `baseUrl`, or null when it allows it. */
export function policyRefusal(baseUrl: string, policy: EffectivePolicy): string | null {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    return 'The server address is not valid.'
  }
  if (policy.httpsRequired && url.protocol !== 'https:') return 'Your organisation requires https:// servers.'
  if (policy.allowedHosts.length > 0 && !policy.allowedHosts.includes(url.hostname.toLowerCase()))
    return `Your organisation does not allow the server ${url.hostname}.`
  return null
}

export interface UserSettings {
  /** The servers the user added (settings.json). */
  servers: readonly ServerProfile[]
  /** The servers built into the app (branding.json's defaultServers). */
  brandingServers?: readonly ServerProfile[]
  /** The demo choice from the user or the command line. */
  demo?: 'auto' | 'on' | 'off'
}

export interface EffectiveServer {
  profile: ServerProfile
  source: 'policy' | 'branding' | 'user'
  /** The user cannot edit or remove it. */
  locked: boolean
}

export interface EffectiveSettings {
  /** In order of precedence: policy, branding, user. The first to claim an id or a host wins. */
  servers: EffectiveServer[]
  /** Servers left out, and why (in words for people). */
  leftOut: { id: string; displayName: string; source: 'policy' | 'branding' | 'user'; reason: string }[]
  /** Users may add servers. */
  canAddServers: boolean
  demo: 'auto' | 'on' | 'off'
  /** Where the policy won over the user's settings (or the branding's). */
  policyWins: { servers: boolean; addServers: boolean; demo: boolean; timeouts: boolean }
}

/**
 * Applies the policy to what the user (and the branding) set. Pure: the same inputs give the same answer.
 */
export function applyPolicy(userSettings: UserSettings, policy: EffectivePolicy): EffectiveSettings {
  const servers: EffectiveServer[] = []
  const leftOut: EffectiveSettings['leftOut'] = []
  const ids = new Set<string>()
  const hosts = new Set<string>()
  let serversOverridden = false
  let timeoutsOverridden = false

  const consider = (profile: ServerProfile, source: EffectiveServer['source'], locked: boolean) => {
    const host = new URL(profile.baseUrl).host.toLowerCase()
    const drop = (reason: string) => {
      leftOut.push({ id: profile.id, displayName: profile.displayName, source, reason })
      if (source !== 'policy') serversOverridden = true
    }
    if (ids.has(profile.id) || hosts.has(host)) {
      const winner = servers.find(
        (s) => s.profile.id === profile.id || new URL(s.profile.baseUrl).host.toLowerCase() === host,
      )
      return drop(
        winner?.source === 'policy'
          ? 'Your organisation provides this server.'
          : 'The same server is already in the list.',
      )
    }
    if (source === 'user' && policy.lockServers)
      return drop(
        policy.status === 'invalid'
          ? 'Hidden until the policy file from your organisation is fixed.'
          : 'Your organisation manages the server list.',
      )
    if (source !== 'policy') {
      const refusal = policyRefusal(profile.baseUrl, policy)
      if (refusal) return drop(refusal)
    }
    let effective = profile
    if (
      source !== 'policy' &&
      policy.requestTimeoutMs !== null &&
      profile.timeoutMs !== policy.requestTimeoutMs
    ) {
      effective = { ...profile, timeoutMs: policy.requestTimeoutMs }
      timeoutsOverridden = true
    }
    ids.add(profile.id)
    hosts.add(host)
    servers.push({ profile: effective, source, locked })
  }

  for (const p of policy.servers) consider(p, 'policy', true)
  for (const p of userSettings.brandingServers ?? []) consider(p, 'branding', policy.lockServers)
  for (const p of userSettings.servers) consider(p, 'user', false)

  const userDemo = userSettings.demo ?? 'auto'
  const demo = policy.demo ? userDemo : 'off'
  return {
    servers,
    leftOut,
    canAddServers: !policy.lockServers,
    demo,
    policyWins: {
      servers: serversOverridden,
      addServers: policy.lockServers,
      demo: demo !== userDemo,
      timeouts: timeoutsOverridden,
    },
  }
}
