import type { LinkEvent, LinkHandle } from '../../../shared/contract'
import type { AppMessage } from '../../../shared/messages'
import { settle, type StoreContext } from './context'
import type { AppActions, Screen } from './types'

/** The one cause the app knows for sure: this link already set a password here (main keeps a digest of it). */
export const USED_HERE_MESSAGE: AppMessage = { code: 'link.used-here' }

export const DEAD_LINK_MESSAGE: AppMessage = { code: 'link.dead' }

/** The handle the current screen holds, if it is the reset form, its link check or the link that arrived. */
export function currentHandle(screen: Screen): string | null {
  if (screen.flow !== 'reset') return null
  const step = screen.step
  return step.name === 'form' || step.name === 'checking' || step.name === 'arrived' ? step.link.handle : null
}

export interface LinkActions {
  actions: Pick<
    AppActions,
    'acceptIncomingLink' | 'keepTyping' | 'openWaitingLink' | 'discardWaitingLink' | 'openArrivedLink'
  >
  /** The bridge's onLink listener. */
  receive(event: LinkEvent): void
  /**
   * Opens the reset form for a link the user chose to open (a click: the dialog, the notice, a paste), checking
   * it first where the server can tell. With `userAsked: false` (a link from outside) a link the server could
   * check stops at the 'arrived' step: a link never makes a request by itself.
   */
  open(link: LinkHandle, userAsked?: boolean): Promise<void>
  /** The link-problem screen for a link's server, with "send a new link" prefilled and what is known of the link. */
  problem(link: LinkHandle, message: AppMessage): Screen
  discard(handle: string | null | undefined): void
}

/** Links from the OS, a second launch, the demo mailbox or a paste: one way in, and never a silent replacement. */
export function linkActions(ctx: StoreContext): LinkActions {
  const { bridge, get, set, go } = ctx

  const discard = (handle: string | null | undefined) => {
    if (handle) void settle(() => bridge.discardLink({ handle }))
  }

  const emailFor = (serverId: string | null, accountHint?: string): string => {
    if (!serverId) return ''
    const known = get().knownEmails[serverId]
    if (known) return known
    const account = get().accounts.find(
      (a) => a.serverId === serverId && accountHint !== undefined && a.username === accountHint,
    )
    return account?.email ?? ''
  }

  const problem = (link: LinkHandle, message: AppMessage): Screen => ({
    flow: 'reset',
    step: {
      name: 'problem',
      serverId: link.serverId,
      email: emailFor(link.serverId, link.accountHint),
      message,
      issuedAt: link.issuedAt ?? undefined,
      usedHereAt: link.usedHereAt,
    },
  })

  const open = async (link: LinkHandle, userAsked = true) => {
    const previous = currentHandle(get().screen)
    if (previous !== link.handle) discard(previous)
    if (get().waitingLink?.handle === link.handle) set({ waitingLink: null })
    if (link.usedHereAt) {
      // It set a password here already, so it cannot work again: say so before the user types anything.
      discard(link.handle)
      go(problem(link, USED_HERE_MESSAGE))
      return
    }
    if (!get().servers.some((s) => s.id === link.serverId)) await get().refresh()
    const server = get().servers.find((s) => s.id === link.serverId)
    if (!server?.canCheckLink) {
      go({ flow: 'reset', step: { name: 'form', link, linkStatus: 'not-checked' } })
      return
    }
    if (!userAsked) {
      go({ flow: 'reset', step: { name: 'arrived', link } })
      return
    }
    go({ flow: 'reset', step: { name: 'checking', link } })
    const started = ctx.generation()
    const check = await settle(() => bridge.checkLink({ handle: link.handle }))
    if (started !== ctx.generation()) return
    if (check.ok && check.value.status === 'dead') {
      discard(link.handle)
      go(problem(link, DEAD_LINK_MESSAGE))
    } else if (!check.ok && check.error.kind === 'link-invalid') {
      go(problem(link, check.error.message))
    } else {
      // A check that could not be made (offline, timeout) does not stop the user: the server judges on submit.
      go({
        flow: 'reset',
        step: {
          name: 'form',
          link,
          linkStatus: check.ok && check.value.status === 'valid' ? 'valid' : 'unknown',
        },
      })
    }
  }

  const offer = (link: LinkHandle) => {
    const state = get()
    if (state.dirty && state.screen.flow !== 'home') {
      if (state.incomingLink && state.incomingLink.handle !== link.handle) discard(state.incomingLink.handle)
      set({ incomingLink: link })
    } else {
      void open(link, false)
    }
  }

  const receive = (event: LinkEvent) => {
    if (event.type === 'refused') {
      set({ notice: { level: 'error', message: event.message } })
      return
    }
    // The first load must be done: the reset form needs the server's password rules.
    void ctx.loaded().then(() => offer(event.link))
  }

  return {
    receive,
    open,
    problem,
    discard,
    actions: {
      acceptIncomingLink() {
        const link = get().incomingLink
        set({ incomingLink: null })
        if (link) void open(link)
      },
      keepTyping() {
        const link = get().incomingLink
        if (!link) return
        const waiting = get().waitingLink
        if (waiting && waiting.handle !== link.handle) discard(waiting.handle)
        set({ incomingLink: null, waitingLink: link })
      },
      openWaitingLink() {
        const link = get().waitingLink
        set({ waitingLink: null })
        if (link) void open(link)
      },
      openArrivedLink() {
        const screen = get().screen
        if (screen.flow === 'reset' && screen.step.name === 'arrived') void open(screen.step.link)
      },
      discardWaitingLink() {
        discard(get().waitingLink?.handle)
        set({ waitingLink: null })
      },
    },
  }
}
