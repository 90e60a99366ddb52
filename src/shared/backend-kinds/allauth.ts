import type { BackendKindInfo } from './kind'

/**
 * django-allauth's headless API for apps (docs/server-protocol.md, "django-allauth"): JSON in and out, a session
 * token in the `X-Session-Token` header, no cookies. The server's `config` says what people sign in with. A
 * reset key can be looked at without using it up, and a reset ends the account's other sessions (Django's session
 * hash changes with the password).
 *
 * The confirm path is allauth's own page for a reset key (`password/reset/key/<uidb36>-<key>/` under its
 * `accounts/` URLs): the app link an admin configures in HEADLESS_FRONTEND_URLS uses the same path, so a pasted
 * https link of allauth's page opens the same form.
 */
export const allauth = {
  id: 'allauth',
  labelKey: 'kinds.allauth.label',
  hintKey: 'kinds.allauth.hint',
  defaults: { prefix: '/_allauth/app/v1/', confirmPath: 'accounts/password/reset/key/{uid}-{token}/' },
  canCheckLink: true,
  otherSessions: { afterReset: 'signed-out', signOutEndsAll: false },
  signInField: 'username',
} as const satisfies BackendKindInfo
