import type { ServerProfile } from '../../shared/profile'
import { createDjangoFormsBackend } from './django-forms'
import { createDjoserBackend } from './djoser'
import type { Backend, BackendDeps, DjangoFormsBackend, DjoserBackend } from './types'

export type * from './types'

/** The adapter for a server profile (already parsed by serverProfileSchema). */
export function createBackend(profile: ServerProfile & { kind: 'djoser' }, deps: BackendDeps): DjoserBackend
export function createBackend(
  profile: ServerProfile & { kind: 'django-forms' },
  deps: BackendDeps,
): DjangoFormsBackend
export function createBackend(profile: ServerProfile, deps: BackendDeps): Backend
export function createBackend(profile: ServerProfile, deps: BackendDeps): Backend {
  return profile.kind === 'djoser'
    ? createDjoserBackend(profile, deps)
    : createDjangoFormsBackend(profile, deps)
}
