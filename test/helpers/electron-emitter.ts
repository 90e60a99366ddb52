import { EventEmitter } from 'node:events'

/**
 * Events come from native code in Electron: a throw in a listener does not return to whoever caused the event
 * but is an uncaught exception in the main process (an error dialog). Rethrown on its own turn here, it fails
 * the test run instead of landing in the test's stack.
 */
function rethrowOnItsOwnTurn(fire: () => boolean): boolean {
  try {
    return fire()
  } catch (error) {
    setImmediate(() => {
      throw error
    })
    return true
  }
}

export const emitLikeElectron = (target: EventEmitter, event: string | symbol, ...args: unknown[]): boolean =>
  rethrowOnItsOwnTurn(() => target.emit(event, ...args))

/** An EventEmitter whose `emit` behaves as Electron's objects do. */
export class ElectronEmitter extends EventEmitter {
  override emit(event: string | symbol, ...args: unknown[]): boolean {
    return rethrowOnItsOwnTurn(() => super.emit(event, ...args))
  }
}
