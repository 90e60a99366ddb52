import { z } from 'zod'

/**
 * What the app has to say, as a code with its parameters, never as a sentence: main sends these across the
 * bridge (in errors, link refusals, notices, the outcome for other sessions) and the renderer words them in the
 * user's language (src/renderer/src/errors/, catalog namespace `errors`). Server text (Django's validator
 * messages, djoser's `detail`, allauth's messages) is not a code: it travels apart, verbatim.
 *
 * Parameters are data (a host, an HTTP status, a count of seconds, a file name), never words.
 */

/** Codes without parameters. Some are the renderer's own (its notices, a bridge that did not answer). */
export const PLAIN_MESSAGE_CODES = [
  // the app itself
  'internal.bug',
  'internal.try-again',
  'internal.not-completed',
  'internal.no-service',
  'bad-request.form',
  'bad-request.sender',
  'cancelled',
  // the network and HTTP
  'offline',
  'unreachable',
  'tls',
  'proxy.failed',
  'proxy.sign-in',
  'connection.broken',
  'connection.broken-may-have-applied',
  'request.failed',
  'request.failed-may-have-applied',
  'redirect.not-followed',
  'redirect.too-many',
  'response.bad-http',
  'response.too-large',
  'timeout.try-again',
  'timeout.may-have-applied',
  'captive-portal',
  // what a server answered
  'server.unexpected-shape',
  'form.csrf-refused',
  'form.check-fields',
  'passwords-differ',
  'session.ended',
  'session.wrong-kind',
  'auth.wrong-credentials',
  'auth.sign-in-on-website',
  'auth.sign-in-first',
  // reset links
  'link.dead',
  'link.refused-for-server',
  'link.session-lost',
  'link.unknown-handle',
  'link.several',
  'link.internal',
  'link.used-here',
  'link.refused.not-a-url',
  'link.refused.insecure-scheme',
  'link.refused.no-host',
  'link.refused.has-credentials',
  'link.refused.has-query-or-fragment',
  'link.refused.encoded-characters',
  'link.refused.bad-characters',
  'link.refused.unknown-server',
  'link.refused.wrong-path',
  'link.refused.malformed-uid',
  'link.refused.malformed-token',
  // servers, accounts, the demo
  'servers.managed',
  'server.already-listed',
  'server.check-details',
  'server.address-rule',
  'server.name-invalid',
  'server.details-invalid',
  'server.not-listed',
  'server.not-listed-any-more',
  'server.locked',
  'server.no-sign-in-page',
  'account.gone',
  'demo.mail-gone',
  'demo.not-running',
  'policy.address-invalid',
  'policy.https-required',
  'policy.language-pinned',
  // notices
  'notice.secrets-session-only',
  'notice.secrets-no-store',
  'notice.demo-failed',
  'notice.demo-reset',
  'notice.asked-again',
  'notice.removed-an-account',
  // what happened to other sessions after a reset or a change
  'sessions.reset-signed-out',
  'sessions.change-signed-out',
  'sessions.unknown',
] as const

const status = z.number().int()
const count = z.number().int().min(0)
const text = z.string().max(2048)
/** Which of a Django server's pages a message is about. */
export const formPageSchema = z.enum(['sign-in', 'change-password', 'password-reset', 'set-password'])
/** Why a server from the branding or the user's list is not shown. */
export const hiddenServerReasonSchema = z.enum([
  'provided-by-organisation',
  'already-listed',
  'policy-invalid',
  'servers-managed',
  'address-invalid',
  'https-required',
  'host-not-allowed',
])
export type HiddenServerReason = z.infer<typeof hiddenServerReasonSchema>

const coded = <C extends string, S extends z.ZodRawShape>(code: C, shape: S) =>
  z.object({ code: z.literal(code), ...shape }).strict()

export const appMessageSchema = z.discriminatedUnion('code', [
  z.object({ code: z.enum(PLAIN_MESSAGE_CODES) }).strict(),
  coded('rate-limited', { seconds: count }),
  coded('server.unavailable', { status }),
  coded('server.problem', { status }),
  coded('server.not-found', { status }),
  coded('server.unexpected-status', { status }),
  coded('response.not-readable', { status }),
  coded('response.bad-json', { status }),
  coded('redirect.refused', { status }),
  coded('redirect.other-site', { host: text }),
  coded('form.not-found', { form: formPageSchema }),
  coded('form.sends-elsewhere', { form: formPageSchema }),
  coded('policy.host-not-allowed', { host: text }),
  coded('website.open-manually', { url: text }),
  coded('website.browser-failed', { url: text }),
  coded('website.https-only', { url: text }),
  coded('link.refused.too-long', { max: count }),
  /** `scheme`: the app's own link scheme, when it has a valid one. */
  coded('link.refused.unsupported-scheme', { scheme: text.optional() }),
  coded('notice.sessions-moved', { count }),
  coded('notice.sessions-locked', { count }),
  coded('notice.servers-skipped', { count }),
  coded('notice.server-hidden', { name: text, reason: hiddenServerReasonSchema, host: text.optional() }),
  coded('notice.links-will-not-open', { app: text }),
  coded('notice.file-unreadable', { file: z.enum(['settings', 'accounts']), keptAs: text.optional() }),
  coded('notice.demo-data-unreadable', { keptAs: text.optional() }),
  /** `details`: what is wrong in the file, for IT (field paths and zod's words, English), shown verbatim. */
  coded('notice.policy-invalid', { file: text, app: text, details: z.array(text).max(20) }),
  coded('notice.test-policy', { file: text }),
  coded('notice.test-policy-ignored', { file: text, machine: text }),
  coded('notice.test-policy-ignored-installed', { file: text, app: text }),
  coded('notice.signed-in', { server: text, username: text }),
  coded('notice.signed-out', { server: text, username: text }),
  coded('notice.sign-in-page-opened', { server: text }),
  coded('notice.server-added', { name: text }),
  coded('notice.removed', { name: text }),
  coded('notice.removed-account', { username: text, server: text }),
  /** `endsAll`: a sign-out from here ends every session of the account (djoser's single token). */
  coded('sessions.reset-may-remain', { endsAll: z.boolean() }),
  coded('sessions.change-may-remain', { endsAll: z.boolean() }),
])
export type AppMessage = z.infer<typeof appMessageSchema>
export type MessageCode = AppMessage['code']
export type PlainMessageCode = (typeof PLAIN_MESSAGE_CODES)[number]

/** A message without parameters. */
export const say = (code: PlainMessageCode): AppMessage => ({ code })

export const noticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: appMessageSchema,
})
export type Notice = z.infer<typeof noticeSchema>
