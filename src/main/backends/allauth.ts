import { z } from 'zod'
import { allauth } from '../../shared/backend-kinds/allauth'
import { fail, type Result } from '../../shared/errors'
import type { ServerProfile } from '../../shared/profile'
import { sessionCodec } from './session'
import type { AllauthBackend, BackendDeps } from './types'

/** An allauth session: the headless app session token. */
const sessions = sessionCodec(
  z.object({
    v: z.literal(1),
    kind: z.literal(allauth.id),
    serverId: z.string(),
    token: z.string().regex(/^[A-Za-z0-9._~+/=-]{1,512}$/),
  }),
)

/** Work in progress on this branch: the kind is registered, its requests come next. */
const notYet = async (): Promise<Result<never>> =>
  fail({ kind: 'internal', message: 'Account Desk cannot speak to django-allauth servers yet.' })

/** django-allauth's headless API for apps (docs/server-protocol.md, "django-allauth"). */
export function createAllauthBackend(profile: ServerProfile, deps: BackendDeps): AllauthBackend {
  void deps
  return {
    kind: allauth.id,
    profile,
    canCheckLink: allauth.canCheckLink,
    signInField: notYet,
    signIn: notYet,
    whoAmI: notYet,
    signOut: notYet,
    requestReset: notYet,
    confirmReset: notYet,
    changePassword: notYet,
    checkLink: notYet,
    serializeSession: sessions.serialize,
    restoreSession: (serialized) => sessions.restore(serialized, profile.id),
  }
}
