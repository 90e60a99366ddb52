import type { OtherSessions } from '../backends/types'
import type { BackendKind } from '../../shared/profile'

/**
 * What the user is told about their other sessions after a reset or a change, in words for people, with what
 * they can do about it where the server allows: djoser keeps one API token per user, shared by every app signed
 * in to the account, so a sign-out from here ends all of them at once (backend-protocol.md §3.6).
 */
export function describeOtherSessions(
  outcome: OtherSessions,
  after: 'reset' | 'change',
  kind: BackendKind,
): string {
  const remedy =
    kind === 'djoser'
      ? ' To end them, sign in here and choose Sign out: this server then signs the account out everywhere at once.'
      : ' Sign out of them there, or ask your IT team.'
  switch (outcome) {
    case 'signed-out':
      return after === 'reset'
        ? 'Everywhere else you were signed in to this account has been signed out.'
        : 'Your other sessions on this server were signed out. This app stays signed in.'
    case 'may-remain':
      return after === 'reset'
        ? `Other devices and apps that were signed in to this account may still be signed in: this server does not sign them out after a reset.${remedy}`
        : `Other devices and apps signed in to this account may still be signed in: this server keeps their sessions after a password change.${
            kind === 'djoser'
              ? ' Choosing Sign out here ends every session of this account at once, this one included.'
              : remedy
          }`
    default:
      return 'Account Desk could not tell whether your other sessions were signed out.'
  }
}
