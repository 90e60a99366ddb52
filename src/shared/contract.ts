import { z } from 'zod'
import { resultSchema, type Result } from './errors'
import { backendKindSchema, passwordRulesSchema, signInWithSchema } from './profile'
import { EVENT_NAMES, INVOKE_NAMES, type EventName, type InvokeName } from './channels'
import { DETECTED_SIGN_IN, DETECTED_SOFTWARE } from './server-detection'
import { LANGUAGE_CHOICES, SUPPORTED_LANGUAGES } from './language'

export { BRIDGE_GLOBAL, channelOf, type EventName, type InvokeName } from './channels'

/**
 * The one IPC contract. Every channel the renderer can call (`invoke`) and every event main can send (`events`)
 * is listed here with its zod schemas. Main registers exactly these, the preload exposes exactly these, and the
 * renderer's `window.accountDesk` type is derived from them.
 *
 * Secrets: passwords travel renderer → main only. Reset tokens never travel at all; the renderer holds a
 * link handle. Session tokens never leave main.
 */

const empty = z.object({}).strict()
const id = z.string().min(1).max(200)
const password = z.string().max(4096)

export const serverSummarySchema = z.object({
  id,
  displayName: z.string(),
  baseUrl: z.string(),
  host: z.string(),
  kind: backendKindSchema,
  passwordRules: passwordRulesSchema,
  /** Django's views can tell whether a link is still good before it is used; djoser cannot. */
  canCheckLink: z.boolean(),
  /** What the sign-in screen asks for: the username or the e-mail address. */
  signInWith: signInWithSchema,
  /** Set by the managed policy: the user cannot remove or edit it. */
  locked: z.boolean(),
  demo: z.boolean(),
})
export type ServerSummary = z.infer<typeof serverSummarySchema>

export const accountSchema = z.object({
  id,
  serverId: id,
  username: z.string(),
  email: z.string().optional(),
  signedIn: z.boolean(),
  /** How the session is kept: encrypted on disk, or only while the app runs. */
  sessionStorage: z.enum(['encrypted', 'memory-only', 'none']),
  lastSignedInAt: z.string().optional(),
})
export type Account = z.infer<typeof accountSchema>

export const linkHandleSchema = z.object({
  handle: z.string().min(16).max(64),
  serverId: id,
  serverName: z.string(),
  /** When the server issued the link, decoded from the token (server-local clock): a hint, never a verdict. */
  issuedAt: z.string().nullable(),
  /** The username, when an account on that server matches the link's user id. */
  accountHint: z.string().optional(),
  /** When this same link already set a password in this app (it cannot work again). */
  usedHereAt: z.string().optional(),
})
export type LinkHandle = z.infer<typeof linkHandleSchema>

export const linkEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('link'), link: linkHandleSchema }),
  /** A link came in but was refused; `message` says why in words for people (never the token). */
  z.object({ type: z.literal('refused'), message: z.string() }),
])
export type LinkEvent = z.infer<typeof linkEventSchema>

export const mailSummarySchema = z.object({
  id,
  to: z.string(),
  subject: z.string(),
  receivedAt: z.string(),
  /** The body as a mail client shows it. Demo mail only: its link resets an account on this computer alone. */
  text: z.string(),
  hasLink: z.boolean(),
  /** The reset link in it, shown and copyable (demo only; never logged). */
  link: z.string().optional(),
  /** False once the link no longer works: used, superseded by a newer one, or expired. */
  linkWorks: z.boolean().optional(),
})
export type MailSummary = z.infer<typeof mailSummarySchema>

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  scheme: z.string(),
  platform: z.string(),
  /** 'electron' or 'browser-shell' (the development and test shell). */
  shell: z.enum(['electron', 'browser-shell']),
  demo: z.object({
    enabled: z.boolean(),
    running: z.boolean(),
    username: z.string().optional(),
    password: z.string().optional(),
    /** The demo account's password is no longer the one shown at first (changed or reset by the user). */
    passwordChanged: z.boolean().optional(),
    email: z.string().optional(),
  }),
  secretStorage: z.enum(['encrypted', 'memory-only']),
  /** Things the user should know: a bad policy file moved aside, secrets kept in memory only, … */
  notices: z.array(z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() })),
  /** Set by the managed policy: the user may not add servers. */
  serversLocked: z.boolean(),
})
export type AppInfo = z.infer<typeof appInfoSchema>

/** The About / diagnostics view: one text to read and copy (never a password, token, cookie or link). */
export const diagnosticsSchema = z.object({
  text: z.string(),
  /** Where the app's log file is, for IT; null when it logs to the console only. */
  logFile: z.string().nullable(),
})
export type Diagnostics = z.infer<typeof diagnosticsSchema>

export const changeResultSchema = z.object({
  /** Whether this app's session for the account is still signed in after the change. */
  stillSignedIn: z.boolean(),
  /** What happened to other sessions, in words for people. */
  otherSessions: z.string(),
})

export const resetResultSchema = z.object({
  serverId: id,
  username: z.string().optional(),
  /** What happened to other sessions, in words for people. */
  otherSessions: z.string(),
})

export const linkCheckSchema = z.object({ status: z.enum(['valid', 'dead', 'unknown']) })

export const addServerSchema = z
  .object({
    displayName: z.string().trim().min(1).max(80),
    baseUrl: z.string().trim().min(1).max(2048),
    kind: backendKindSchema,
    signInWith: signInWithSchema.optional(),
  })
  .strict()

/** One kind of sign-in service found at an address (Add server's check, main/backends/detect-kind.ts). */
export const serverFindingSchema = z.object({
  software: z.enum(DETECTED_SOFTWARE),
  /** The kind that speaks it; null when this version of the app cannot. */
  kind: backendKindSchema.nullable(),
  /** What people sign in with, when the server says. */
  signIn: z.enum(DETECTED_SIGN_IN).optional(),
  /** Django's pages: whether the page that mails a reset link is there too. */
  forgotPage: z.boolean().optional(),
})
export type ServerFinding = z.infer<typeof serverFindingSchema>

export const serverDetectionSchema = z.object({
  /** The address that was checked, as the server list would keep it. */
  baseUrl: z.string(),
  /** Every kind found there, the one to use first; empty when the server answers as none of them. */
  found: z.array(serverFindingSchema),
  /** Nothing found, and the sign-in page sends people to this other site (host[:port]): single sign-on. */
  signInElsewhere: z.string().optional(),
})
export type ServerDetection = z.infer<typeof serverDetectionSchema>

/** The app's language: the one in use, what the user chose, and whether the managed policy pinned it. */
export const languageStateSchema = z.object({
  /** The language in use (src/shared/language.ts, resolveLanguage: policy > choice > system > English). */
  language: z.enum(SUPPORTED_LANGUAGES),
  /** The user's choice in the app, kept with the settings. */
  choice: z.enum(LANGUAGE_CHOICES),
  /** Set by the managed policy: the user cannot change it. */
  pinned: z.boolean(),
  /** The language "System language" gives now. */
  system: z.enum(SUPPORTED_LANGUAGES),
})
export type LanguageState = z.infer<typeof languageStateSchema>

/** A language tag as a browser reports it (navigator.languages): short, no spaces or control characters. */
const languageTag = z.string().regex(/^[A-Za-z0-9_-]{1,35}$/)

export const contract = {
  invoke: {
    getAppInfo: { request: empty, response: appInfoSchema },
    getDiagnostics: { request: empty, response: diagnosticsSchema },
    /**
     * The app's language. `browserLanguages` is the renderer's navigator.languages: the system's languages in the
     * browser shell, where the browser is the system; the Electron shell asks the OS instead
     * (app.getPreferredSystemLanguages()).
     */
    getLanguage: {
      request: z.object({ browserLanguages: z.array(languageTag).max(32) }).strict(),
      response: languageStateSchema,
    },
    /** The user chose a language in the app (or the system's again); refused while the policy pins one. */
    setLanguage: {
      request: z.object({ choice: z.enum(LANGUAGE_CHOICES) }).strict(),
      response: languageStateSchema,
    },
    /** The renderer is mounted and listening: queued links are delivered after this. */
    rendererReady: { request: empty, response: empty },
    /** The user pressed Cancel: every server call under way is abandoned (its answer, if any, is ignored). */
    cancelPending: { request: empty, response: empty },

    listServers: { request: empty, response: z.array(serverSummarySchema) },
    /**
     * Add server's check of an address before it is added: read-only requests that find which kind of server
     * answers there. Refused, without a request, for an address the policy does not allow.
     */
    detectServer: {
      request: z.object({ baseUrl: z.string().trim().min(1).max(2048) }).strict(),
      response: serverDetectionSchema,
    },
    addServer: { request: addServerSchema, response: serverSummarySchema },
    removeServer: { request: z.object({ serverId: id }).strict(), response: empty },

    listAccounts: { request: empty, response: z.array(accountSchema) },
    signIn: {
      request: z.object({ serverId: id, username: z.string().trim().min(1).max(254), password }).strict(),
      response: accountSchema,
    },
    /** Opens the server's sign-in page in the system browser (a step the app cannot do: sign in there). */
    openSignInPage: { request: z.object({ serverId: id }).strict(), response: empty },
    whoAmI: { request: z.object({ accountId: id }).strict(), response: accountSchema },
    signOut: { request: z.object({ accountId: id }).strict(), response: empty },
    removeAccount: { request: z.object({ accountId: id }).strict(), response: empty },
    changePassword: {
      request: z
        .object({ accountId: id, currentPassword: password, newPassword: password, retypePassword: password })
        .strict(),
      response: changeResultSchema,
    },

    requestReset: {
      request: z.object({ serverId: id, email: z.string().trim().min(1).max(254) }).strict(),
      response: z.object({ requestedAt: z.string() }),
    },
    /** A link the user pasted: the same parser as a link from the OS. */
    openPastedLink: { request: z.object({ url: z.string().max(8192) }).strict(), response: linkHandleSchema },
    checkLink: { request: z.object({ handle: z.string().max(64) }).strict(), response: linkCheckSchema },
    confirmReset: {
      request: z
        .object({ handle: z.string().max(64), newPassword: password, retypePassword: password })
        .strict(),
      response: resetResultSchema,
    },
    discardLink: { request: z.object({ handle: z.string().max(64) }).strict(), response: empty },

    listDemoMail: { request: empty, response: z.array(mailSummarySchema) },
    openDemoMailLink: { request: z.object({ mailId: id }).strict(), response: empty },
    resetDemo: { request: empty, response: empty },
  },
  events: {
    /** A reset link arrived (OS, second launch, mailbox): a handle, or why it was refused. */
    onLink: linkEventSchema,
    /** The demo mailbox changed. */
    onDemoMail: z.object({ count: z.number().int().min(0) }),
  },
} as const

export type Contract = typeof contract

// The name lists in channels.ts must be exactly the contract's keys (checked here by the compiler).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const invokeNamesMatch: Same<InvokeName, keyof Contract['invoke']> = true
const eventNamesMatch: Same<EventName, keyof Contract['events']> = true
void invokeNamesMatch
void eventNamesMatch

export type RequestOf<K extends InvokeName> = z.input<Contract['invoke'][K]['request']>
export type ParsedRequestOf<K extends InvokeName> = z.output<Contract['invoke'][K]['request']>
export type ResponseOf<K extends InvokeName> = z.output<Contract['invoke'][K]['response']>
export type EventPayloadOf<K extends EventName> = z.output<Contract['events'][K]>

export const invokeNames: readonly InvokeName[] = INVOKE_NAMES
export const eventNames: readonly EventName[] = EVENT_NAMES

export const responseResultSchema = <K extends InvokeName>(name: K) =>
  resultSchema(contract.invoke[name].response)

/** What the preload exposes as `window.accountDesk`, and what the browser shell's bridge provides. */
export type Bridge = {
  [K in InvokeName]: (request: RequestOf<K>) => Promise<Result<ResponseOf<K>>>
} & {
  [K in EventName]: (listener: (payload: EventPayloadOf<K>) => void) => () => void
}

/** What main implements: one async handler per invoke channel, given the parsed request. */
export type Handlers = {
  [K in InvokeName]: (request: ParsedRequestOf<K>) => Promise<Result<ResponseOf<K>>>
}
