import { fail, ok, type Result } from '../../shared/errors'
import type { ServerProfile } from '../../shared/profile'
import { createOpenExternal } from '../security/external-links'

/**
 * "Sign in on the website": opens a server's own sign-in page in the system browser, for a server that asks for a
 * step the app cannot do (a second factor, a lockout page). Only through the app's external-opener rules: https,
 * to a host of a configured server, never anything the renderer names.
 */
export function signInPageUrl(profile: ServerProfile): string | null {
  // Django's auth views and allauth's have a sign-in page under their prefix; djoser is an API without one.
  if (profile.kind === 'django-forms' || profile.kind === 'allauth-html')
    return `${profile.baseUrl}${profile.prefix}login/`
  // django-allauth's pages sit beside its key page: `accounts/password/reset/key/…` → `accounts/login/`.
  if (profile.kind === 'allauth') {
    const root = /^((?:[^/]+\/)*?)password\/reset\/key\//.exec(profile.confirmPath)?.[1]
    return root === undefined ? null : `${profile.baseUrl}/${root}login/`
  }
  return null
}

export function createOpenSignInPage(opts: {
  profileOf: (serverId: string) => ServerProfile | undefined
  /** Every configured server's host: the external opener's allowlist. */
  hosts: () => readonly string[]
  /** The system opener (createSystemOpener over Electron's shell); absent where there is no system browser. */
  open: ((url: string) => Promise<void>) | undefined
}): (serverId: string) => Promise<Result<Record<string, never>>> {
  const openExternal = opts.open ? createOpenExternal(opts.open, opts.hosts) : null
  return async (serverId) => {
    const profile = opts.profileOf(serverId)
    if (!profile) return fail({ kind: 'not-found', message: { code: 'server.not-listed' } })
    const url = signInPageUrl(profile)
    if (!url) return fail({ kind: 'not-found', message: { code: 'server.no-sign-in-page' } })
    if (!openExternal) return fail({ kind: 'internal', message: { code: 'website.open-manually', url } })
    try {
      if (await openExternal(url)) return ok({})
    } catch {
      return fail({ kind: 'internal', message: { code: 'website.browser-failed', url } })
    }
    return fail({
      kind: 'policy',
      message: { code: 'website.https-only', url },
    })
  }
}
