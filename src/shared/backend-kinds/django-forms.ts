import type { BackendKindInfo } from './kind'

/**
 * Django's own sign-in and password pages (docs/server-protocol.md, "Django's pages"): HTML forms with a CSRF
 * token and a session cookie. A reset link can be opened without using it up; a reset or a change ends the
 * account's other sessions.
 */
export const djangoForms = {
  id: 'django-forms',
  labelKey: 'kinds.djangoForms.label',
  hintKey: 'kinds.djangoForms.hint',
  defaults: { prefix: '/accounts/', confirmPath: 'accounts/reset/{uid}/{token}/' },
  canCheckLink: true,
  otherSessions: { afterReset: 'signed-out', signOutEndsAll: false },
  signInField: 'username',
} as const satisfies BackendKindInfo
