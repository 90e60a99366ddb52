import type { Result } from '../../shared/errors'
import type { BackendKind, KindInfo, OtherSessions } from '../../shared/backend-kinds'
import type { ServerProfile } from '../../shared/profile'
import type { FetchLike } from '../http/client'
import type { Logger } from '../log'
import type { SignInField } from './sign-in-field'

export type { SignInField } from './sign-in-field'

/** Marks the objects only an adapter makes (src/main/backends/session.ts); not serialised. */
export const sessionBrand: unique symbol = Symbol('BackendSession')

/**
 * What signing in gives back: a djoser token, or Django's session cookies. Opaque to everyone but the adapter
 * that made it. Store it with `serializeSession` (the string is a secret: keep it in the secret store) and get it
 * back with `restoreSession`.
 */
export interface BackendSession {
  readonly [sessionBrand]: BackendKind
}

export interface Identity {
  username: string
  email?: string
  /** The user's primary key, where the server says it (djoser's `users/me/`); a reset link's uid encodes it. */
  id?: string
}

/** uid and token of a reset link, as parsed from it. */
export interface ResetLink {
  uid: string
  token: string
}

export interface ConfirmResetInput extends ResetLink {
  newPassword: string
  retypePassword: string
}

export interface ChangePasswordInput {
  current: string
  new: string
  retype: string
}

export type { OtherSessions }

export interface ConfirmResetOutcome {
  otherSessions: OtherSessions
}

export interface ChangePasswordOutcome {
  /** The session to keep using (Django cycles its session key on a change), or null when the server ended it. */
  session: BackendSession | null
  otherSessions: OtherSessions
}

export type LinkStatus = 'valid' | 'dead' | 'unknown'

export interface CallOptions {
  /** Aborting it ends the call with a `cancelled` error. */
  signal?: AbortSignal
}

/**
 * One backend adapter per configured server. Every method answers a Result and never throws. Error kinds are
 * those of src/shared/errors.ts; messages from the server are kept verbatim and put on the field they belong to
 * (`username`, `password`, `email`, `currentPassword`, `newPassword`, `retypePassword`, or `form`).
 *
 * `CanCheck` says at the type level whether `checkLink` can tell a live link from a dead one without using it:
 * Django's views can (a GET of the link), djoser cannot (its `checkLink` always answers `'unknown'`).
 */
export interface BackendBase<K extends BackendKind, CanCheck extends boolean> {
  readonly kind: K
  readonly profile: ServerProfile
  readonly canCheckLink: CanCheck
  /**
   * What the server signs people in with, as it tells (djoser's DRF metadata, Django's login form); the
   * profile's `signInWith` only where it does not.
   */
  signInField(options?: CallOptions): Promise<Result<SignInField>>
  /** `username` is what the person typed: a username or an e-mail address, as `signInField` says. */
  signIn(username: string, password: string, options?: CallOptions): Promise<Result<BackendSession>>
  whoAmI(session: BackendSession, options?: CallOptions): Promise<Result<Identity>>
  /** Ends the session on the server. A session the server had already forgotten counts as signed out. */
  signOut(session: BackendSession, options?: CallOptions): Promise<Result<void>>
  /**
   * Asks for a reset e-mail. Succeeds the same way whether or not the address has an account, unless the server
   * itself says the address is unknown (djoser's PASSWORD_RESET_SHOW_EMAIL_NOT_FOUND): then a validation error
   * on `email` with its message. Never retried: each call may send a mail.
   */
  requestReset(email: string, options?: CallOptions): Promise<Result<void>>
  confirmReset(input: ConfirmResetInput, options?: CallOptions): Promise<Result<ConfirmResetOutcome>>
  changePassword(
    session: BackendSession,
    input: ChangePasswordInput,
    options?: CallOptions,
  ): Promise<Result<ChangePasswordOutcome>>
  /** Whether a link is still good, without using it up. */
  checkLink(
    link: ResetLink,
    options?: CallOptions,
  ): Promise<Result<CanCheck extends true ? LinkStatus : 'unknown'>>
  serializeSession(session: BackendSession): string
  /** Null when the string is not a session of this server and kind (then: sign in again). */
  restoreSession(serialized: string): BackendSession | null
}

/** The adapter of one kind; whether it can check a link comes from the kind's description. */
export type BackendOf<K extends BackendKind> = K extends BackendKind
  ? BackendBase<K, KindInfo<K>['canCheckLink']>
  : never
export type DjoserBackend = BackendOf<'djoser'>
export type DjangoFormsBackend = BackendOf<'django-forms'>
export type AllauthBackend = BackendOf<'allauth'>
export type AllauthHtmlBackend = BackendOf<'allauth-html'>
/** The adapter of any kind in the registry. */
export type Backend = BackendOf<BackendKind>

/** What a kind's module exports to build its adapter for one server. */
export type BackendFactory<K extends BackendKind> = (
  profile: ServerProfile,
  deps: BackendDeps,
) => BackendOf<K>

export interface BackendDeps {
  /** Electron's net.fetch (or createNetRequestFetch) in the app, Node's fetch in Node. */
  fetch: FetchLike
  logger: Logger
  /** Milliseconds since the epoch; for Retry-After dates and cookie expiry. */
  now?: () => number
  userAgent?: string
  /** The app's languages, most wanted first (Accept-Language on every call); none: the server's default. */
  languages?: () => readonly string[]
}
