import { backendKind, type BackendKind } from '../../shared/backend-kinds'
import type { AppMessage } from '../../shared/messages'
import type { OtherSessions } from '../backends/types'

/**
 * What the user is told about their other sessions after a reset or a change, as a code (the renderer words it),
 * with what they can do about it where the server allows: where one sign-in is shared by every app (the kind's
 * `otherSessions.signOutEndsAll`, djoser's single API token), a sign-out from here ends all of them at once
 * (docs/server-protocol.md, "Other sessions"). Null: nothing to add.
 */
export function describeOtherSessions(
  outcome: OtherSessions,
  after: 'reset' | 'change',
  kind: BackendKind,
  /** After a change: whether this app kept its session. */
  stillSignedIn = true,
): AppMessage | null {
  const endsAll = backendKind(kind).otherSessions.signOutEndsAll
  switch (outcome) {
    case 'signed-out':
      if (after === 'reset') return { code: 'sessions.reset-signed-out' }
      // The server signed this app out as well (djoser's LOGOUT_ON_PASSWORD_CHANGE): the done screen says that,
      // and nothing here may say otherwise.
      return stillSignedIn ? { code: 'sessions.change-signed-out' } : null
    case 'may-remain':
      return { code: after === 'reset' ? 'sessions.reset-may-remain' : 'sessions.change-may-remain', endsAll }
    default:
      return { code: 'sessions.unknown' }
  }
}
