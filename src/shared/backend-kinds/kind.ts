/**
 * What happened to the user's other sessions (other devices, other apps) after a reset or a change:
 * - `signed-out`: the server ended them;
 * - `may-remain`: the server keeps them (djoser never revokes API tokens on a reset, and its token is shared);
 * - `unknown`: the app could not tell.
 */
export type OtherSessions = 'signed-out' | 'may-remain' | 'unknown'

/** What people type to sign in: their username or their e-mail address. */
export const SIGN_IN_WITH = ['username', 'email'] as const
export type SignInWith = (typeof SIGN_IN_WITH)[number]

/**
 * What the app knows of one kind of server before it talks to one: the catalog keys of the words Add server shows,
 * where the endpoints usually are, and what the kind can and cannot do. Data only, so the renderer and the profile
 * schema can read it; the adapter that speaks the kind lives in src/main/backends and is listed in its factory
 * table.
 */
export interface BackendKindInfo {
  /** The `kind` of a server profile. */
  readonly id: string
  /**
   * The choice in Add server: a key of the renderer's `common` catalog (src/renderer/src/i18n/locales/<lang>/
   * common.json), which words it in each language. By convention `kinds.<name>.label`.
   */
  readonly labelKey: string
  /** The line under the choice (how an IT person recognises such a server): a `common` key, `kinds.<name>.hint`. */
  readonly hintKey: string
  /** The profile's defaults when it gives none (docs/server-protocol.md, "Paths"). */
  readonly defaults: {
    /** Where the endpoints are, below the server address; starts and ends with a slash. */
    readonly prefix: string
    /** The reset link's path as the server e-mails it, with `{uid}` and `{token}`. */
    readonly confirmPath: string
  }
  /** Whether a reset link can be checked without using it up (a GET of the link page). */
  readonly canCheckLink: boolean
  readonly otherSessions: {
    /** What a completed reset does to the account's other sessions. */
    readonly afterReset: OtherSessions
    /** True when signing out here ends every session of the account at once (one token shared by all apps). */
    readonly signOutEndsAll: boolean
  }
  /**
   * What the sign-in form asks for when neither the server (djoser's metadata, Django's login form) nor the
   * profile's `signInWith` says otherwise.
   */
  readonly signInField: SignInWith
}
