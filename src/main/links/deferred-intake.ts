/**
 * The one place a link waits before the services exist. The shell wires protocol links at load, but
 * `createServices()` resolves only after `ready` (settings, policy, accounts loaded). This stands in for the
 * services' intake until then: it keeps what arrives (in order, at most 16) and hands it over on `attach`, after
 * which links pass straight through to the intake and its queue (which holds handles, never tokens, until the
 * renderer says it is ready). Nothing is parsed or logged here, so nothing secret is kept anywhere but in this
 * closure.
 */
import type { LinkSource } from './intake'
import type { ProtocolLinkSink } from './wire-protocol-links'

export const MAX_DEFERRED_LINKS = 16

export interface DeferredIntake extends ProtocolLinkSink {
  /** Hand over what waited, then pass everything straight through. */
  attach(target: ProtocolLinkSink): void
  pending(): number
}

type Waiting =
  { kind: 'url'; url: string; source: LinkSource } | { kind: 'argv'; argv: string[]; source: LinkSource }

export function createDeferredIntake(scheme: string): DeferredIntake {
  let target: ProtocolLinkSink | null = null
  const waiting: Waiting[] = []
  const keep = (w: Waiting) => {
    waiting.push(w)
    if (waiting.length > MAX_DEFERRED_LINKS) waiting.shift()
  }
  return {
    scheme,
    fromUrl(url, source) {
      if (target) return target.fromUrl(url, source)
      keep({ kind: 'url', url, source })
      return undefined
    },
    fromArgv(argv, source) {
      if (target) return target.fromArgv(argv, source)
      keep({ kind: 'argv', argv: [...argv], source })
      return undefined
    },
    attach(next) {
      if (next.scheme !== scheme)
        throw new Error(
          `The link intake takes "${next.scheme}" links but the app uses the scheme "${scheme}".`,
        )
      target = next
      for (const w of waiting.splice(0)) {
        if (w.kind === 'url') next.fromUrl(w.url, w.source)
        else next.fromArgv(w.argv, w.source)
      }
    },
    pending: () => waiting.length,
  }
}
