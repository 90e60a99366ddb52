import { channelOf, EVENT_NAMES, INVOKE_NAMES } from '../shared/channels'
import type { Bridge } from '../shared/contract'

/** The parts of Electron's ipcRenderer the bridge uses. Never exposed itself. */
export interface IpcRendererLike {
  invoke(channel: string, payload: unknown): Promise<unknown>
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
}

/**
 * Builds `window.accountDesk` from the contract (checklist row 20): one named function per invoke channel and
 * one `onX(listener)` per event, each returning an unsubscribe function. Listeners receive the payload only,
 * never Electron's event object; callers never see ipcRenderer.
 */
export function buildBridge(ipc: IpcRendererLike): Bridge {
  const bridge: Record<string, unknown> = {}
  for (const name of INVOKE_NAMES) {
    bridge[name] = (request: unknown) => ipc.invoke(channelOf(name), request ?? {})
  }
  for (const name of EVENT_NAMES) {
    bridge[name] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') return () => {}
      const wrapped = (_event: unknown, payload: unknown) => listener(payload)
      ipc.on(channelOf(name), wrapped)
      return () => {
        ipc.removeListener(channelOf(name), wrapped)
      }
    }
  }
  return Object.freeze(bridge) as Bridge
}
