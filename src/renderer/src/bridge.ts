import { BRIDGE_GLOBAL } from '../../shared/channels'
import type { Bridge } from '../../shared/contract'

declare global {
  interface Window {
    [BRIDGE_GLOBAL]: Bridge
  }
}

/** The renderer's only door to the world: the preload's bridge (or the browser shell's, which has the same type). */
export function getBridge(): Bridge {
  const bridge = window[BRIDGE_GLOBAL]
  if (!bridge) throw new Error('Account Desk bridge is missing')
  return bridge
}
