import type { StoreContext } from './context'
import type { LinkActions } from './link-actions'
import { currentHandle } from './link-actions'
import type { AppActions } from './types'

type ResetActions = Pick<
  AppActions,
  'requestReset' | 'resend' | 'openPastedLink' | 'confirmReset' | 'cancelReset' | 'openDemoMailLink'
>

/** Forgot password → check your mail → reset from the link → done, or the link-problem screen. */
export function resetActions(ctx: StoreContext, links: LinkActions): ResetActions {
  const { bridge, get, set, go, run, now } = ctx

  const remember = (serverId: string, email: string) =>
    set({ knownEmails: { ...get().knownEmails, [serverId]: email } })

  return {
    async requestReset({ serverId, email }) {
      const result = await run('requestReset', () => bridge.requestReset({ serverId, email }))
      if (result === null || result === 'stale' || !result.ok) return
      remember(serverId, email.trim())
      go({
        flow: 'reset',
        step: {
          name: 'sent',
          serverId,
          email: email.trim(),
          requestedAt: result.value.requestedAt,
          resendAt: now() + ctx.resendCooldownMs,
        },
      })
    },

    async resend() {
      const screen = get().screen
      if (screen.flow !== 'reset' || screen.step.name !== 'sent') return
      const step = screen.step
      if (step.resendAt > now()) return
      const result = await run('resend', () =>
        bridge.requestReset({ serverId: step.serverId, email: step.email }),
      )
      if (result === null || result === 'stale' || !result.ok) return
      set({
        screen: {
          flow: 'reset',
          step: { ...step, requestedAt: result.value.requestedAt, resendAt: now() + ctx.resendCooldownMs },
        },
        notice: { level: 'info', message: { code: 'notice.asked-again' } },
      })
    },

    async openPastedLink(url) {
      const result = await run('openPastedLink', () => bridge.openPastedLink({ url }))
      if (result === null || result === 'stale' || !result.ok) return
      await links.open(result.value)
    },

    async confirmReset({ newPassword, retypePassword }) {
      const screen = get().screen
      if (screen.flow !== 'reset' || screen.step.name !== 'form') return
      const { link } = screen.step
      const result = await run('confirmReset', () =>
        bridge.confirmReset({ handle: link.handle, newPassword, retypePassword }),
      )
      if (result === null) return
      if (result === 'stale') return
      if (result.ok) {
        // The demo mailbox marks the link it came from as used.
        await Promise.all([get().refresh(), get().refreshMail()])
        // Who to offer to sign in: main's answer, the link's hint, or the account that uses the address the user
        // asked the link for.
        const email = get().knownEmails[link.serverId]
        const byEmail = get().accounts.find(
          (a) =>
            a.serverId === link.serverId &&
            email !== undefined &&
            a.email?.toLowerCase() === email.toLowerCase(),
        )
        // Else: the demo server's one account, or the address itself where people sign in with it.
        const server = get().servers.find((s) => s.id === link.serverId)
        const fallback = server?.demo
          ? get().info?.demo.username
          : server?.signInWith === 'email'
            ? email
            : undefined
        go({
          flow: 'reset',
          step: {
            name: 'done',
            serverId: result.value.serverId,
            username: result.value.username ?? link.accountHint ?? byEmail?.username ?? fallback ?? '',
            otherSessions: result.value.otherSessions,
          },
        })
      } else if (result.error.kind === 'link-invalid') {
        go(links.problem(link, result.error.message))
      }
    },

    cancelReset() {
      ctx.leave(() => {
        links.discard(currentHandle(get().screen))
        go({ flow: 'home' })
      })
    },

    async openDemoMailLink(mailId) {
      // The link itself never reaches the renderer: main hands it over through onLink, like a click in a mail client.
      await run('openDemoMail', () => bridge.openDemoMailLink({ mailId }))
    },
  }
}
