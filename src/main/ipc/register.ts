import { channelOf, invokeNames, type Handlers } from '../../shared/contract'
import { fail } from '../../shared/errors'
import type { Logger } from '../log'
import { dispatch } from './dispatch'

/** The parts of Electron's IpcMainInvokeEvent this wrapper reads. */
export interface IpcInvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null | undefined
  sender?: { mainFrame?: unknown }
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, payload: unknown) => Promise<unknown>): void
  removeHandler(channel: string): void
}

/** Why a sender was refused: each check has its own reason, so the log (and a test) can tell them apart. */
export type SenderRefusal = 'no-frame' | 'subframe' | 'not-main-frame' | 'frame-gone' | 'foreign-origin'

export function senderRefusal(
  event: IpcInvokeEventLike,
  isAppUrl: (url: string) => boolean,
): SenderRefusal | null {
  // A frame that was disposed throws on every property read: that is not a trusted sender either.
  try {
    const frame = event.senderFrame
    if (frame === null || frame === undefined) return 'no-frame'
    if (frame.parent !== null && frame.parent !== undefined) return 'subframe'
    if (event.sender?.mainFrame !== undefined && event.sender.mainFrame !== frame) return 'not-main-frame'
    return isAppUrl(frame.url) ? null : 'foreign-origin'
  } catch {
    return 'frame-gone'
  }
}

/**
 * Checklist row 17. The only way main registers IPC handlers: one per contract channel, each refusing a sender
 * that is not the app's own main frame (a subframe, a destroyed frame, another origin) and a payload that fails
 * its schema. Returns a function that unregisters them all.
 */
export function registerHandlers(
  ipc: IpcMainLike,
  handlers: Handlers,
  opts: { isAppUrl: (url: string) => boolean; logger: Logger },
): () => void {
  for (const name of invokeNames) {
    ipc.handle(channelOf(name), async (event, payload) => {
      const refusal = senderRefusal(event, opts.isAppUrl)
      if (refusal !== null) {
        opts.logger.warn('ipc.foreign-sender', { channel: name, reason: refusal })
        return fail({ kind: 'bad-request', message: { code: 'bad-request.sender' } })
      }
      return dispatch(handlers, name, payload, opts.logger)
    })
  }
  return () => invokeNames.forEach((name) => ipc.removeHandler(channelOf(name)))
}
