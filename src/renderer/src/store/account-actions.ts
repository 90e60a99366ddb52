import { settle, type StoreContext } from './context'
import type { AppActions } from './types'

type AccountActions = Pick<
  AppActions,
  'signIn' | 'openSignInPage' | 'signOut' | 'detectServer' | 'addServer' | 'changePassword'
>

export const serverName = (ctx: StoreContext, serverId: string): string =>
  ctx.get().servers.find((s) => s.id === serverId)?.displayName ?? 'the server'

/** Sign in, sign out, add a server, change a password. The passwords pass through; none is kept. */
export function accountActions(ctx: StoreContext): AccountActions {
  const { bridge, get, go, run } = ctx
  return {
    async signIn({ serverId, username, password }) {
      const result = await run('signIn', () => bridge.signIn({ serverId, username, password }))
      if (result === null) return
      if (result === 'stale' || result.ok) await get().refresh()
      if (result !== 'stale' && result.ok) {
        go(
          { flow: 'home' },
          {
            level: 'success',
            message: {
              code: 'notice.signed-in',
              server: serverName(ctx, serverId),
              username: result.value.username,
            },
          },
        )
      }
    },

    async openSignInPage(serverId) {
      const result = await bridge.openSignInPage({ serverId })
      ctx.set({
        notice: result.ok
          ? {
              level: 'info',
              message: { code: 'notice.sign-in-page-opened', server: serverName(ctx, serverId) },
            }
          : {
              level: 'error',
              message: result.error.message,
              ...(result.error.serverMessage ? { serverMessage: result.error.serverMessage } : {}),
            },
      })
    },

    async signOut(accountId) {
      const account = get().accounts.find((a) => a.id === accountId)
      const result = await run('signOut', () => bridge.signOut({ accountId }))
      if (result === null) return
      await get().refresh()
      if (result !== 'stale' && result.ok && account) {
        ctx.set({
          notice: {
            level: 'success',
            message: {
              code: 'notice.signed-out',
              server: serverName(ctx, account.serverId),
              username: account.username,
            },
          },
        })
      }
    },

    detectServer: (baseUrl) => settle(() => bridge.detectServer({ baseUrl })),

    async addServer(input) {
      const result = await run('addServer', () => bridge.addServer(input))
      if (result === null || result === 'stale') return
      if (!result.ok) return
      await get().refresh()
      go(
        {
          flow: 'signIn',
          step: { name: 'form', serverId: result.value.id, username: '', reason: 'add' },
        },
        { level: 'success', message: { code: 'notice.server-added', name: result.value.displayName } },
      )
    },

    async changePassword({ currentPassword, newPassword, retypePassword }) {
      const screen = get().screen
      if (screen.flow !== 'change' || screen.step.name !== 'form') return
      const { accountId } = screen.step
      const result = await run('changePassword', () =>
        bridge.changePassword({ accountId, currentPassword, newPassword, retypePassword }),
      )
      if (result === null) return
      await get().refresh()
      if (result === 'stale' || !result.ok) return
      go({
        flow: 'change',
        step: {
          name: 'done',
          accountId,
          stillSignedIn: result.value.stillSignedIn,
          otherSessions: result.value.otherSessions,
        },
      })
    },
  }
}
