import type { Bridge } from '../../../shared/contract'
import { settle } from './context'

/**
 * What the first screen needs, asked for at once: app info, servers and accounts. The entry (main.ts) starts it
 * before React is even loaded, so the bridge answers while the app's code is fetched and parsed.
 */
export function requestFirstScreen(bridge: Bridge) {
  return Promise.all([
    settle(() => bridge.getAppInfo({})),
    settle(() => bridge.listServers({})),
    settle(() => bridge.listAccounts({})),
  ])
}

export type FirstScreen = ReturnType<typeof requestFirstScreen>
