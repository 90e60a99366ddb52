import type {
  Account,
  AppInfo,
  Bridge,
  Diagnostics,
  LanguageState,
  LinkHandle,
  MailSummary,
  ServerDetection,
  ServerSummary,
} from '../../../shared/contract'
import type { AppError, Result } from '../../../shared/errors'
import type { LanguageChoice } from '../../../shared/language'
import type { FirstScreen } from './first-screen'
import type { SessionMemory } from './session-memory'

/** Why the sign-in form was opened: it changes the words above the form, never what it does. */
export type SignInReason = 'add' | 'after-reset' | 'after-change' | 'session-expired' | 'may-have-applied'

export type SignInStep = {
  name: 'form'
  serverId: string | null
  username: string
  reason: SignInReason
}

export type AddServerStep = { name: 'form' }

/**
 * The reset flow, in the app's words (docs/architecture.md): forgot (ask for a link) → sent (check your mail) →
 * (a link arrives) → checking → form (reset) → done, or the link-problem screen with "send a new link". A password
 * set while signed in is a change (ChangeStep).
 */
export type ResetStep =
  | { name: 'forgot'; serverId: string | null; email: string }
  | { name: 'sent'; serverId: string; email: string; requestedAt: string; resendAt: number }
  /** A link came from outside (the OS, a second launch): nothing is asked of the server until the user opens it. */
  | { name: 'arrived'; link: LinkHandle }
  | { name: 'checking'; link: LinkHandle }
  | { name: 'form'; link: LinkHandle; linkStatus: 'valid' | 'unknown' | 'not-checked' }
  | { name: 'done'; serverId: string; username: string; otherSessions: string }
  | {
      name: 'problem'
      serverId: string | null
      email: string
      message: string
      /** When the link was made, read from its token (the server's clock); absent for a link that did not parse. */
      issuedAt?: string | undefined
      /** When this same link set a password in this app (main remembers a hash of the links it used). */
      usedHereAt?: string | undefined
    }

export type ChangeStep =
  | { name: 'form'; accountId: string }
  | { name: 'done'; accountId: string; stillSignedIn: boolean; otherSessions: string }

/** Where the user is: one flow at a time, each a union of its steps. */
export type Screen =
  | { flow: 'home' }
  | { flow: 'addServer'; step: AddServerStep }
  | { flow: 'signIn'; step: SignInStep }
  | { flow: 'reset'; step: ResetStep }
  | { flow: 'change'; step: ChangeStep }
  /** About / diagnostics: null while it loads; `unavailable` when main did not answer. */
  | { flow: 'about'; diagnostics: Diagnostics | null; unavailable?: boolean }

/** Every bridge call a person starts. Only one runs at a time: a second submit is impossible. */
export type Action =
  | 'signIn'
  | 'signOut'
  | 'addServer'
  | 'requestReset'
  | 'resend'
  | 'openPastedLink'
  | 'confirmReset'
  | 'changePassword'
  | 'openDemoMail'
  | 'resetDemo'
  | 'removeAccount'
  | 'removeServer'

/** What the confirmation dialog asks about: an account on this computer, or a server the user added. */
export type Removal = { kind: 'account'; accountId: string } | { kind: 'server'; serverId: string }

export interface Failure {
  action: Action
  error: AppError
}

export interface Notice {
  level: 'info' | 'success' | 'warning' | 'error'
  message: string
}

export interface SignInInput {
  serverId: string
  username: string
  password: string
}
export interface AddServerInput {
  displayName: string
  baseUrl: string
  kind: ServerSummary['kind']
  signInWith?: ServerSummary['signInWith']
}
export interface PasswordPair {
  newPassword: string
  retypePassword: string
}
export interface ChangeInput extends PasswordPair {
  currentPassword: string
}

export interface AppData {
  status: 'starting' | 'ready' | 'failed'
  startError: AppError | null
  info: AppInfo | null
  servers: ServerSummary[]
  accounts: Account[]
  mail: MailSummary[]
  screen: Screen
  /** Changes on every move to another screen: the screen remounts, its typed input goes with it. */
  screenId: number
  /** The action whose request is in flight (the button shows it busy). */
  pending: Action | null
  /** The last failed action on this screen; cleared on every step change. */
  failure: Failure | null
  /** The server said "wait": the action stays disabled until this time (ms since the epoch). */
  rateLimit: { action: Action; until: number } | null
  /** A one-line outcome shown on the next screen ("Signed out of …"), or a refused link. */
  notice: Notice | null
  /** The current screen holds input the user typed (reported by the screen; the values stay in the screen). */
  dirty: boolean
  /** A link arrived while the user was typing: the dialog asks before replacing their input. */
  incomingLink: LinkHandle | null
  /** A removal waiting for the user's yes in the confirmation dialog. */
  removal: Removal | null
  /** A link the user chose to keep for later. */
  waitingLink: LinkHandle | null
  /** The user asked to leave a screen holding typed input: where to go once they say yes (the dialog asks). */
  leaving: (() => void) | null
  /** E-mail addresses the user asked a link for, per server, to prefill "send a new link". Never a password. */
  knownEmails: Record<string, string>
  /** The app's language as main resolved it (policy, choice, system); null until asked. */
  language: LanguageState | null
}

export interface AppActions {
  /** Subscribes to the bridge's events, tells main the renderer is ready, loads the data. Call once. */
  start(): () => void
  refresh(): Promise<void>
  refreshMail(): Promise<void>
  /** The demo server back to its start: the shown password works again, the mailbox is empty. */
  resetDemo(): Promise<void>
  setDirty(dirty: boolean): void
  /** Leaves for where the user asked to go, dropping what they typed (the answer to the leave dialog). */
  confirmLeave(): void
  /** Stays on the screen with what was typed (the other answer). */
  stayOnScreen(): void
  dismissNotice(): void

  goHome(notice?: Notice): void
  goAddServer(): void
  goSignIn(options?: { serverId?: string | null; username?: string; reason?: SignInReason }): void
  goForgot(options?: { serverId?: string | null; email?: string }): void
  goChange(accountId: string): void
  /** The About / diagnostics view, loaded fresh from main each time. */
  goAbout(): Promise<void>

  signIn(input: SignInInput): Promise<void>
  /** Opens the server's sign-in page in the system browser (the server asks for a step the app cannot do). */
  openSignInPage(serverId: string): Promise<void>
  signOut(accountId: string): Promise<void>
  /**
   * Add server's check of an address: which kind of server answers there. Not an action of the form (nothing is
   * pending, no failure is kept): the screen shows the answer next to the address.
   */
  detectServer(baseUrl: string): Promise<Result<ServerDetection>>
  addServer(input: AddServerInput): Promise<void>
  changePassword(input: ChangeInput): Promise<void>

  /** Opens the confirmation dialog; nothing is removed until the user confirms. */
  askRemoval(removal: Removal): void
  /** Closes the confirmation dialog without removing anything (ignored while the removal runs). */
  cancelRemoval(): void
  /** Removes the account from this computer (main signs it out first); refreshes and says so. */
  removeAccount(accountId: string): Promise<void>
  /** Removes a server the user added, with its accounts on this computer; refreshes and says so. */
  removeServer(serverId: string): Promise<void>

  requestReset(input: { serverId: string; email: string }): Promise<void>
  resend(): Promise<void>
  openPastedLink(url: string): Promise<void>
  confirmReset(input: PasswordPair): Promise<void>
  cancelReset(): void

  acceptIncomingLink(): void
  keepTyping(): void
  openWaitingLink(): void
  /** The user opens the link that arrived (one click): check it where the server can tell, then the form. */
  openArrivedLink(): void
  discardWaitingLink(): void

  openDemoMailLink(mailId: string): Promise<void>

  /** Asks main for the app's language (the language picker shows it). */
  loadLanguage(): Promise<void>
  /** The user chose a language: main keeps it, the screens switch to it. False when main refused or failed. */
  chooseLanguage(choice: LanguageChoice): Promise<boolean>
}

export type AppState = AppData & AppActions

export interface StoreOptions {
  bridge: Bridge
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number
  /** Seconds before "send again" is offered on the check-your-mail screen. */
  resendCooldownSeconds?: number
  /** The first screen's data, already asked for (main.ts); asked for at start when absent. */
  firstScreen?: FirstScreen
  /** Where the current screen is kept across a reload of the window (session-memory.ts); none when absent. */
  memory?: SessionMemory
}
