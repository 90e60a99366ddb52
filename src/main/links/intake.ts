/**
 * Where every incoming link goes: parse it, keep its secret behind a handle, and queue what the renderer is told
 * (`linkEventSchema`). The log gets the source and the outcome, never the URL, uid or token.
 */
import type { LinkEvent, LinkHandle } from '../../shared/contract'
import { fail, ok, type Result } from '../../shared/errors'
import type { ServerProfile } from '../../shared/profile'
import type { Logger } from '../log'
import { findLinkInArgv } from './argv'
import type { LinkHandles } from './handles'
import { parseResetLink, type LinkRefusalReason } from './parse-reset-link'
import type { LinkQueue } from './queue'
import type { UsedLinks } from './used-links'

export type LinkSource =
  | 'argv' // Windows/Linux cold start
  | 'open-url' // macOS, cold or warm
  | 'second-instance' // a second launch handed its argv to this one
  | 'pasted'
  | 'demo-mail'
  | 'open-link-flag' // the browser shell's --open-link

export type IntakeOutcome = 'accepted' | LinkRefusalReason | 'several-links' | 'internal-error'

export interface LinkIntakeOptions {
  scheme: string
  servers: () => readonly Pick<ServerProfile, 'id' | 'displayName' | 'baseUrl' | 'confirmPath'>[]
  handles: LinkHandles
  queue: LinkQueue
  logger: Logger
  /** The username of a known account on that server whose user id encodes to `uid`, if any. */
  accountHintFor?: (serverId: string, uid: string) => string | undefined
  /** The links this app already used to set a password. */
  usedLinks?: Pick<UsedLinks, 'usedAt'>
}

export interface LinkIntake {
  readonly scheme: string
  /** Parse, register and queue a link from the OS or the demo mailbox. Returns what was queued. */
  fromUrl(url: unknown, source: LinkSource): LinkEvent
  /** Find the link in a command line and take it as `fromUrl` does. Null (and nothing queued) when there is none. */
  fromArgv(argv: readonly unknown[], source: LinkSource): LinkEvent | null
  /** Parse and register without queueing, for a caller that answers directly (the bridge's `openPastedLink`). */
  register(url: unknown, source: LinkSource): Result<LinkHandle>
}

export function createLinkIntake(options: LinkIntakeOptions): LinkIntake {
  const { scheme, servers, handles, queue, logger, accountHintFor, usedLinks } = options

  const note = (source: LinkSource, outcome: IntakeOutcome) => {
    try {
      const fields = { source, outcome }
      if (outcome === 'accepted') logger.info('reset link received', fields)
      else if (outcome === 'internal-error') logger.error('reset link could not be handled', fields)
      else logger.warn('reset link refused', fields)
    } catch {
      // a failing log sink must not lose the link
    }
  }

  const hint = (serverId: string, uid: string): string | undefined => {
    try {
      const h = accountHintFor?.(serverId, uid)
      return typeof h === 'string' && h.length > 0 ? h.slice(0, 254) : undefined
    } catch {
      return undefined
    }
  }

  const accept = (url: unknown, source: LinkSource): Result<LinkHandle> => {
    try {
      const list = servers()
      const parsed = parseResetLink(url, { scheme, servers: list })
      if (!parsed.ok) {
        note(source, parsed.reason)
        return fail({ kind: 'link-invalid', reason: 'refused', message: parsed.message })
      }
      const registered = handles.add(parsed)
      const server = list.find((s) => s.id === parsed.serverId)
      const accountHint = hint(parsed.serverId, parsed.uid)
      const usedHereAt = usedLinks?.usedAt(parsed)
      note(source, 'accepted')
      return ok({
        handle: registered.handle,
        serverId: registered.serverId,
        serverName: server?.displayName ?? registered.serverId,
        issuedAt: registered.issuedAt ? registered.issuedAt.toISOString() : null,
        ...(accountHint ? { accountHint } : {}),
        ...(usedHereAt ? { usedHereAt: usedHereAt.toISOString() } : {}),
      })
    } catch {
      note(source, 'internal-error')
      return fail({ kind: 'link-invalid', reason: 'refused', message: { code: 'link.internal' } })
    }
  }

  const enqueue = (result: Result<LinkHandle>): LinkEvent => {
    const event: LinkEvent = result.ok
      ? { type: 'link', link: result.value }
      : { type: 'refused', message: result.error.message }
    queue.push(event)
    return event
  }

  return {
    scheme,
    fromUrl: (url, source) => enqueue(accept(url, source)),
    fromArgv(argv, source) {
      const found = findLinkInArgv(argv, [scheme])
      if (found.ok) return enqueue(accept(found.url, source))
      if (found.reason === 'none') return null
      note(source, 'several-links')
      return enqueue(fail({ kind: 'link-invalid', reason: 'refused', message: { code: 'link.several' } }))
    },
    register: accept,
  }
}
