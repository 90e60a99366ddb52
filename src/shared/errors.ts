import { z } from 'zod'

/**
 * Every failure that crosses IPC is one of these. The renderer switches on `kind`.
 * Messages are for people: they never contain a password, a reset token or a session token.
 */
export const fieldErrorsSchema = z.record(z.string(), z.array(z.string()))
export type FieldErrors = z.infer<typeof fieldErrorsSchema>

export const appErrorSchema = z.discriminatedUnion('kind', [
  /** The input or the server refused the values; `fields` maps a field name (or `form`) to its messages. */
  z.object({ kind: z.literal('validation'), message: z.string(), fields: fieldErrorsSchema }),
  /** A reset link that cannot be used: refused by the parser, or dead on the server (expired, used, superseded). */
  z.object({
    kind: z.literal('link-invalid'),
    message: z.string(),
    reason: z.enum(['refused', 'dead', 'unknown-handle']),
    serverId: z.string().optional(),
  }),
  /**
   * Wrong credentials, or a session the server no longer accepts ("sign in again"). `signInOnWebsite`: the server
   * asks for a step the app cannot do (a second factor, a lockout page): the user signs in on the website.
   */
  z.object({
    kind: z.literal('auth'),
    message: z.string(),
    sessionExpired: z.boolean(),
    signInOnWebsite: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('rate-limited'),
    message: z.string(),
    retryAfterSeconds: z.number().int().min(0),
  }),
  /** This computer's own network is down. Nothing reached any server. */
  z.object({ kind: z.literal('offline'), message: z.string() }),
  /** Nothing answered at this server: refused, no such name, no route. `host` is host[:port], never a path. */
  z.object({ kind: z.literal('unreachable'), message: z.string(), host: z.string() }),
  /** The deadline passed. `mayHaveApplied` is true when the request had been sent and was not idempotent. */
  z.object({ kind: z.literal('timeout'), message: z.string(), mayHaveApplied: z.boolean() }),
  z.object({ kind: z.literal('tls'), message: z.string() }),
  z.object({ kind: z.literal('proxy'), message: z.string() }),
  z.object({ kind: z.literal('server'), message: z.string(), status: z.number().int() }),
  /** The server answered something we cannot read: HTML where JSON was expected, a redirect elsewhere, bad JSON. */
  z.object({
    kind: z.literal('unexpected-response'),
    message: z.string(),
    status: z.number().int().optional(),
  }),
  /** The managed policy or the app's settings forbid this. */
  z.object({ kind: z.literal('policy'), message: z.string() }),
  /** A named thing (server, account, mail) does not exist. */
  z.object({ kind: z.literal('not-found'), message: z.string() }),
  z.object({ kind: z.literal('cancelled'), message: z.string() }),
  /** The IPC call itself was refused: foreign sender or a payload that fails its schema. */
  z.object({ kind: z.literal('bad-request'), message: z.string() }),
  /** A bug in the app. The message is generic; details go to the log without secrets. */
  z.object({ kind: z.literal('internal'), message: z.string() }),
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
