import { findBackendKind, type BackendKind } from '../../shared/backend-kinds'
import type { ServerProfile } from '../../shared/profile'
import { createAllauthBackend } from './allauth'
import { createAllauthHtmlBackend } from './allauth-html'
import { createDjangoFormsBackend } from './django-forms'
import { createDjoserBackend } from './djoser'
import type { Backend, BackendDeps, BackendFactory, BackendOf } from './types'

export type * from './types'

/**
 * The adapter of each kind in the registry (src/shared/backend-kinds). A kind without an adapter here is a type
 * error; adding a kind adds one line.
 */
const FACTORIES: { readonly [K in BackendKind]: BackendFactory<K> } = {
  djoser: createDjoserBackend,
  'django-forms': createDjangoFormsBackend,
  allauth: createAllauthBackend,
  'allauth-html': createAllauthHtmlBackend,
}

const hasFactory = (kind: string): kind is BackendKind =>
  findBackendKind(kind) !== undefined && Object.hasOwn(FACTORIES, kind)

/**
 * The adapter for a server profile (already parsed by serverProfileSchema). Throws on a kind that is not in the
 * registry: an unknown kind is never spoken to as if it were another one.
 */
export function createBackend<K extends BackendKind>(
  profile: ServerProfile & { kind: K },
  deps: BackendDeps,
): BackendOf<K>
export function createBackend(profile: ServerProfile, deps: BackendDeps): Backend {
  const kind: string = profile.kind
  if (!hasFactory(kind))
    throw new Error(`Account Desk cannot speak to a server of kind "${kind.slice(0, 40)}".`)
  return FACTORIES[kind](profile, deps)
}
