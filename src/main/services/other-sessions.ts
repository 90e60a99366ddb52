import { backendKind, type BackendKind } from '../../shared/backend-kinds'
import type { OtherSessions } from '../backends/types'

/**
 * What the user is told about their other sessions after a reset or a change, in words for people, with what
 * they can do about it where the server allows: where one sign-in is shared by every app (the kind's
 * `otherSessions.signOutEndsAll`, djoser's single API token), a sign-out from here ends all of them at once
 * (docs/server-protocol.md, "Other sessions").
 */
export function describeOtherSessions(
  outcome: OtherSessions,
  after: 'reset' | 'change',
  kind: BackendKind,
  /** After a change: whether this app kept its session. */
  stillSignedIn = true,
): string {
  const { signOutEndsAll } = backendKind(kind).otherSessions
  const remedy = signOutEndsAll
    ? ' To end them, sign in here and choose Sign out: this server then signs the account out everywhere at once.'
    : ' Sign out of them there, or ask your IT team.'
  switch (outcome) {
    case 'signed-out':
      if (after === 'reset') return 'Everywhere else you were signed in to this account has been signed out.'
      // The server signed this app out as well (djoser's LOGOUT_ON_PASSWORD_CHANGE): the done screen says that,
      // and nothing here may say otherwise.
      return stillSignedIn
        ? 'Your other sessions on this server were signed out. This app stays signed in.'
        : ''
    case 'may-remain':
      return after === 'reset'
        ? `Other devices and apps that were signed in to this account may still be signed in: this server does not sign them out after a reset.${remedy}`
        : `Other devices and apps signed in to this account may still be signed in: this server keeps their sessions after a password change.${
            signOutEndsAll
              ? ' Choosing Sign out here ends every session of this account at once, this one included.'
              : remedy
          }`
    default:
      return 'Account Desk could not tell whether your other sessions were signed out.'
  }
}
