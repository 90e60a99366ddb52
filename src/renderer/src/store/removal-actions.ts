import type { AppMessage } from '../../../shared/messages'
import { serverName } from './account-actions'
import type { StoreContext } from './context'
import type { AppActions } from './types'

type RemovalActions = Pick<AppActions, 'askRemoval' | 'cancelRemoval' | 'removeAccount' | 'removeServer'>

/**
 * Removing an account or a server the user added, each after a yes in the confirmation dialog. The dialog stays
 * open (its button busy) while main works, and closes once the lists are fresh: focus then returns to the button
 * that opened it, or to the heading when that button went with what was removed.
 */
export function removalActions(ctx: StoreContext): RemovalActions {
  const { bridge, get, set, run } = ctx
  const removing = () => get().pending === 'removeAccount' || get().pending === 'removeServer'
  return {
    askRemoval(removal) {
      if (get().pending !== null) return
      set({ removal, failure: null })
    },

    cancelRemoval() {
      if (removing()) return
      set({ removal: null })
    },

    async removeAccount(accountId) {
      const account = get().accounts.find((a) => a.id === accountId)
      const message: AppMessage = account
        ? {
            code: 'notice.removed-account',
            username: account.username,
            server: serverName(ctx, account.serverId),
          }
        : { code: 'notice.removed-an-account' }
      const result = await run('removeAccount', () => bridge.removeAccount({ accountId }))
      if (result === null || result === 'stale') return
      await get().refresh()
      set({
        removal: null,
        notice: result.ok ? { level: 'success', message } : get().notice,
      })
    },

    async removeServer(serverId) {
      const name = serverName(ctx, serverId)
      const result = await run('removeServer', () => bridge.removeServer({ serverId }))
      if (result === null || result === 'stale') return
      await get().refresh()
      set({
        removal: null,
        notice: result.ok ? { level: 'success', message: { code: 'notice.removed', name } } : get().notice,
      })
    },
  }
}
