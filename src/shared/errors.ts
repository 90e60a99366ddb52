import { z } from 'zod'
import { appMessageSchema } from './messages'

/**
 * Every failure that crosses IPC is one of these. The renderer switches on `kind` and words `message`, a code
 * with parameters (./messages.ts), in the user's language. What a server said travels apart and verbatim:
 * `serverMessage` (a `detail`, allauth's message, Django's form error) and a validation error's `fields`.
 * None of it ever contains a password, a reset token or a session token.
 */
/** Field name (or `form`) → the server's messages for it, verbatim. */
export const fieldErrorsSchema = z.record(z.string(), z.array(z.string()))
export type FieldErrors = z.infer<typeof fieldErrorsSchema>
/** Field name → the app's own messages for it, as codes. */
export const fieldCodesSchema = z.record(z.string(), z.array(appMessageSchema))
export type FieldCodes = z.infer<typeof fieldCodesSchema>

const message = appMessageSchema
/** What the server said about the failure, in its own words and language; shown in place of `message`. */
const serverMessage = z.string().max(4096).optional()

export const appErrorSchema = z.discriminatedUnion('kind', [
  /** The input or the server refused the values; `fields` maps a field name (or `form`) to its messages. */
  z.object({
    kind: z.literal('validation'),
    message,
    serverMessage,
    fields: fieldErrorsSchema,
    fieldCodes: fieldCodesSchema.optional(),
  }),
  /** A reset link that cannot be used: refused by the parser, or dead on the server (expired, used, superseded). */
  z.object({
    kind: z.literal('link-invalid'),
    message,
    serverMessage,
    reason: z.enum(['refused', 'dead', 'unknown-handle']),
    serverId: z.string().optional(),
  }),
  /**
   * Wrong credentials, or a session the server no longer accepts ("sign in again"). `signInOnWebsite`: the server
   * asks for a step the app cannot do (a second factor, a lockout page): the user signs in on the website.
   */
  z.object({
    kind: z.literal('auth'),
    message,
    serverMessage,
    sessionExpired: z.boolean(),
    signInOnWebsite: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('rate-limited'),
    message,
    serverMessage,
    retryAfterSeconds: z.number().int().min(0),
  }),
  /** This computer's own network is down. Nothing reached any server. */
  z.object({ kind: z.literal('offline'), message, serverMessage }),
  /** Nothing answered at this server: refused, no such name, no route. `host` is host[:port], never a path. */
  z.object({ kind: z.literal('unreachable'), message, serverMessage, host: z.string() }),
  /** The deadline passed. `mayHaveApplied` is true when the request had been sent and was not idempotent. */
  z.object({ kind: z.literal('timeout'), message, serverMessage, mayHaveApplied: z.boolean() }),
  z.object({ kind: z.literal('tls'), message, serverMessage }),
  z.object({ kind: z.literal('proxy'), message, serverMessage }),
  z.object({ kind: z.literal('server'), message, serverMessage, status: z.number().int() }),
  /** The server answered something we cannot read: HTML where JSON was expected, a redirect elsewhere, bad JSON. */
  z.object({
    kind: z.literal('unexpected-response'),
    message,
    serverMessage,
    status: z.number().int().optional(),
  }),
  /** The managed policy or the app's settings forbid this. */
  z.object({ kind: z.literal('policy'), message, serverMessage }),
  /** A named thing (server, account, mail) does not exist. */
  z.object({ kind: z.literal('not-found'), message, serverMessage }),
  z.object({ kind: z.literal('cancelled'), message, serverMessage }),
  /** The IPC call itself was refused: foreign sender or a payload that fails its schema. */
  z.object({ kind: z.literal('bad-request'), message, serverMessage }),
  /** A bug in the app. The message is generic; details go to the log without secrets. */
  z.object({ kind: z.literal('internal'), message, serverMessage }),
])
export type AppError = z.infer<typeof appErrorSchema>
export type ErrorKind = AppError['kind']

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = <T = never>(error: AppError): Result<T> => ({ ok: false, error })

export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ])
