import type { OtherSessions } from '../backends/types'

/** What the user is told about their other sessions after a reset or a change, in words for people. */
export function describeOtherSessions(outcome: OtherSessions, after: 'reset' | 'change'): string {
  switch (outcome) {
    case 'signed-out':
      return after === 'reset'
        ? 'Everywhere else you were signed in to this account has been signed out.'
        : 'Your other sessions on this server were signed out. This app stays signed in.'
    case 'may-remain':
      return after === 'reset'
        ? 'Other devices and apps that were signed in to this account may still be signed in: this server does not sign them out after a reset. Sign out of them there, or ask your IT team.'
        : 'Other devices and apps signed in to this account may still be signed in: this server keeps their sessions after a password change.'
    default:
      return 'Account Desk could not tell whether your other sessions were signed out.'
  }
}
