import { BACKEND_KINDS, SIGN_IN_WITH, type BackendKind, type SignInWith } from './backend-kinds'

/**
 * What Add server can recognise at an address (docs/server-setup.md, "How Account Desk recognises your server"),
 * most wanted first: an API made for apps before HTML pages (JSON is a contract, a page's template is not).
 */
export const DETECTED_SOFTWARE = ['allauth-headless', 'djoser', 'allauth-html', 'django-forms'] as const
export type DetectedSoftware = (typeof DETECTED_SOFTWARE)[number]

/** What people type to sign in, as the server says it (a profile's `signInWith`); `username-or-email`: either. */
export const DETECTED_SIGN_IN = SIGN_IN_WITH
export type DetectedSignIn = SignInWith

/**
 * The kind (src/shared/backend-kinds) that speaks each kind of software. A kind not in this build's registry
 * makes the finding one the app can describe but not use.
 */
const KIND_OF: Record<DetectedSoftware, string> = {
  'allauth-headless': 'allauth',
  djoser: 'djoser',
  'allauth-html': 'allauth-html',
  'django-forms': 'django-forms',
}

/** The registered kind for a kind of software, or null when this build cannot speak it. */
export function kindForSoftware(software: DetectedSoftware): BackendKind | null {
  return BACKEND_KINDS.find((kind) => kind.id === KIND_OF[software])?.id ?? null
}
