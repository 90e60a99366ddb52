import { allauth } from './allauth'
import { allauthHtml } from './allauth-html'
import { djangoForms } from './django-forms'
import { djoser } from './djoser'
import type { BackendKindInfo } from './kind'

export type * from './kind'
export { SIGN_IN_WITH } from './kind'

/**
 * Every kind of server the app speaks, in the order Add server offers them. Adding a kind: its file here, one
 * line in this list, and its adapter in src/main/backends' factory table (docs/architecture.md, "Walk-through:
 * adding a kind").
 */
export const BACKEND_KINDS = [
  djoser,
  djangoForms,
  allauth,
  allauthHtml,
] as const satisfies readonly BackendKindInfo[]

export type BackendKind = (typeof BACKEND_KINDS)[number]['id']

/** The description of one kind, with its literal types (`canCheckLink: false` for djoser). */
export type KindInfo<K extends BackendKind> = Extract<(typeof BACKEND_KINDS)[number], { id: K }>

export const BACKEND_KIND_IDS = BACKEND_KINDS.map((kind) => kind.id)

/** The kind's description; undefined for a name that is not a kind (a profile from elsewhere, a typo). */
export function findBackendKind(id: string): BackendKindInfo | undefined {
  return BACKEND_KINDS.find((kind) => kind.id === id)
}

/** The description of a kind known to be one (a parsed profile's `kind`). */
export function backendKind<K extends BackendKind>(id: K): KindInfo<K> {
  const found = BACKEND_KINDS.find((kind): kind is KindInfo<K> => kind.id === id)
  if (!found) throw new Error(`Unknown server kind: ${String(id)}`)
  return found
}
