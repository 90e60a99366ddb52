import type { BackendKindInfo } from './kind'

/**
 * django-allauth's HTML pages (docs/server-protocol.md, "django-allauth's pages"), for a server without its
 * headless API (every allauth before 0.62, and later ones that did not install it): forms with a CSRF token and a
 * session cookie, like Django's own pages but with allauth's paths and field names. A reset key can be opened
 * without using it up; a reset or a change ends the account's other sessions.
 *
 * A kind of its own rather than a transport of `allauth`: what it needs of the profile (the `/accounts/` prefix of
 * the pages, no API prefix), its session (cookies, not a token) and its requests share nothing with the headless
 * API, and Add server maps what it finds straight to a kind.
 */
export const allauthHtml = {
  id: 'allauth-html',
  labelKey: 'kinds.allauthHtml.label',
  hintKey: 'kinds.allauthHtml.hint',
  defaults: { prefix: '/accounts/', confirmPath: 'accounts/password/reset/key/{uid}-{token}/' },
  canCheckLink: true,
  otherSessions: { afterReset: 'signed-out', signOutEndsAll: false },
  signInField: 'username',
} as const satisfies BackendKindInfo
