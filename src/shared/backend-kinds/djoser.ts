import type { BackendKindInfo } from './kind'

/**
 * djoser's REST API on Django REST framework (docs/server-protocol.md, "djoser"): token sign-in, JSON in and out.
 * One API token per user, shared by every app signed in to the account, and a reset does not revoke it.
 */
export const djoser = {
  id: 'djoser',
  labelKey: 'kinds.djoser.label',
  hintKey: 'kinds.djoser.hint',
  defaults: { prefix: '/auth/', confirmPath: 'reset/{uid}/{token}' },
  canCheckLink: false,
  otherSessions: { afterReset: 'may-remain', signOutEndsAll: true },
  signInField: 'username',
} as const satisfies BackendKindInfo
