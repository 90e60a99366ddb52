import type { BackendKindInfo } from './kind'

/**
 * djoser's REST API on Django REST framework (docs/server-protocol.md, "djoser"): token sign-in, JSON in and out.
 * One API token per user, shared by every app signed in to the account, and a reset does not revoke it.
 */
export const djoser = {
  id: 'djoser',
  label: 'Sign-in service for apps',
  hint: 'Your IT team may call it djoser or the REST API. Its address usually ends in /auth/.',
  defaults: { prefix: '/auth/', confirmPath: 'reset/{uid}/{token}' },
  canCheckLink: false,
  otherSessions: { afterReset: 'may-remain', signOutEndsAll: true },
  signInField: 'username',
} as const satisfies BackendKindInfo
