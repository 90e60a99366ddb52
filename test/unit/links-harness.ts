import { EventEmitter } from 'node:events'
import { createLinkHandles } from '../../src/main/links/handles'
import { createLinkIntake } from '../../src/main/links/intake'
import { createLinkQueue } from '../../src/main/links/queue'
import type { Logger, LogFields } from '../../src/main/log'
import type { LinkEvent } from '../../src/shared/contract'
import { servers } from './links-fixtures'

/** A logger that keeps every call exactly as made (no redaction), to prove nothing secret is passed to it. */
export function recordingLogger() {
  const lines: string[] = []
  const rec =
    (level: string) =>
    (event: string, fields?: LogFields): void => {
      lines.push(JSON.stringify({ level, event, fields }))
    }
  const logger: Logger = { debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error') }
  return { logger, lines }
}

/** Handles, queue and intake wired the way main wires them, with a recorded delivery. */
export function linkPipeline(
  opts: {
    scheme?: string
    logger?: Logger
    accountHintFor?: (s: string, u: string) => string | undefined
  } = {},
) {
  let now = Date.UTC(2026, 10, 30, 12)
  const delivered: LinkEvent[] = []
  const handles = createLinkHandles({ now: () => now })
  const queue = createLinkQueue({
    deliver: (e) => delivered.push(e),
    onDrop: (e) => {
      if (e.type === 'link') handles.discard(e.link.handle)
    },
  })
  const rec = recordingLogger()
  const intake = createLinkIntake({
    scheme: opts.scheme ?? 'accountdesk',
    servers: () => servers,
    handles,
    queue,
    logger: opts.logger ?? rec.logger,
    accountHintFor: opts.accountHintFor,
  })
  return { handles, queue, intake, delivered, logLines: rec.lines, advance: (ms: number) => (now += ms) }
}

/** Electron's `app` as far as the protocol wiring uses it: records calls, lets tests fire events. */
export class FakeApp extends EventEmitter {
  lockAvailable = true
  registerResult = true
  exitCalls: (number | undefined)[] = []
  registrations: { protocol: string; path?: string; args?: string[] }[] = []
  requestSingleInstanceLock(): boolean {
    return this.lockAvailable
  }
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean {
    this.registrations.push({ protocol, ...(path !== undefined ? { path } : {}), ...(args ? { args } : {}) })
    return this.registerResult
  }
  exit(code?: number): void {
    this.exitCalls.push(code)
  }
  /** What macOS does: `open-url` with a preventable event. Returns whether preventDefault was called. */
  openUrl(url: string): boolean {
    let prevented = false
    this.emit('open-url', { preventDefault: () => (prevented = true) }, url)
    return prevented
  }
  secondInstance(argv: string[]): void {
    this.emit('second-instance', {}, argv, '/home/me', {})
  }
}
