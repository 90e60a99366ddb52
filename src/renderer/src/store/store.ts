import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Result } from '../../../shared/errors'
import { accountActions } from './account-actions'
import { settle, type StoreContext } from './context'
import { requestFirstScreen } from './first-screen'
import { languageActions } from './language-actions'
import { linkActions } from './link-actions'
import { removalActions } from './removal-actions'
import { resetActions } from './reset-actions'
import type { Action, AppData, AppState, Notice, Screen, StoreOptions } from './types'

export type AppStore = StoreApi<AppState>

const initialData: AppData = {
  status: 'starting',
  startError: null,
  info: null,
  servers: [],
  accounts: [],
  mail: [],
  screen: { flow: 'home' },
  screenId: 0,
  pending: null,
  failure: null,
  rateLimit: null,
  notice: null,
  dirty: false,
  incomingLink: null,
  removal: null,
  waitingLink: null,
  leaving: null,
  knownEmails: {},
  language: null,
}

/** The renderer's one store. Everything it knows comes through the bridge; it keeps no password. */
export function createAppStore(options: StoreOptions): AppStore {
  const { bridge } = options
  const now = options.now ?? (() => Date.now())
  let generation = 0
  let loaded: Promise<void> = Promise.resolve()

  return createStore<AppState>()((set, get, api) => {
    const go = (screen: Screen, notice: Notice | null = null) => {
      // Leaving a screen while its request runs is the user's "cancel": main abandons the call.
      if (get().pending) void settle(() => bridge.cancelPending({}))
      generation++
      set({
        screen,
        screenId: generation,
        notice,
        failure: null,
        pending: null,
        dirty: false,
        removal: null,
        leaving: null,
      })
    }
    const leave = (navigate: () => void) => {
      // A form already sent is not half-filled: leaving it is the user's "cancel" of the request.
      if (get().dirty && !get().pending) set({ leaving: navigate })
      else navigate()
    }

    const run = async <T>(action: Action, call: () => Promise<Result<T>>) => {
      const state = get()
      if (state.pending) return null
      if (state.rateLimit && state.rateLimit.action === action && state.rateLimit.until > now()) return null
      const started = generation
      set({ pending: action, failure: null })
      const result = await settle(call)
      if (started !== generation) return 'stale' as const
      set({ pending: null })
      if (!result.ok) {
        const { error } = result
        set({
          failure: { action, error },
          rateLimit:
            error.kind === 'rate-limited'
              ? { action, until: now() + Math.max(1, error.retryAfterSeconds) * 1000 }
              : get().rateLimit,
        })
      }
      return result
    }

    const ctx: StoreContext = {
      bridge,
      now,
      resendCooldownMs: (options.resendCooldownSeconds ?? 60) * 1000,
      set,
      get,
      go,
      leave,
      generation: () => generation,
      run,
      loaded: () => loaded,
    }
    const links = linkActions(ctx)

    const load = async () => {
      // One round trip for everything the first screen needs, usually already on its way (main.ts).
      const [info, servers, accounts] = await (options.firstScreen ?? requestFirstScreen(bridge))
      if (servers.ok) set({ servers: servers.value })
      if (accounts.ok) set({ accounts: accounts.value })
      if (!info.ok) {
        set({ status: 'failed', startError: info.error })
        return
      }
      // Back where the user was before the window reloaded (the screen and a link's handle, never what was typed).
      const saved = await options.memory?.load()
      const checking = saved?.flow === 'reset' && saved.step.name === 'checking' ? saved.step.link : null
      if (saved && saved.flow !== 'about' && !checking) go(saved)
      set({ info: info.value, status: 'ready' })
      if (saved?.flow === 'about') void get().goAbout()
      // A check cut short by the reload is asked again: the user had asked for it.
      if (checking) void links.open(checking)
      await get().refreshMail()
    }

    return {
      ...initialData,
      ...accountActions(ctx),
      ...removalActions(ctx),
      ...languageActions(ctx),
      ...resetActions(ctx, links),
      ...links.actions,

      start() {
        const { memory } = options
        const offMemory = memory
          ? api.subscribe((state, previous) => {
              if (state.status === 'ready' && state.screen !== previous.screen) memory.save(state.screen)
            })
          : () => {}
        const offLink = bridge.onLink((event) => links.receive(event))
        const offMail = bridge.onDemoMail(() => void get().refreshMail())
        loaded = load()
        // Only now may main deliver the links it queued (cold start, a link clicked before the window was ready).
        void settle(() => bridge.rendererReady({}))
        return () => {
          offMemory()
          offLink()
          offMail()
        }
      },

      async refresh() {
        // The demo's card follows its server: a changed demo password is no longer shown.
        const demoInfo = get().info?.demo.running ? settle(() => bridge.getAppInfo({})) : null
        const [servers, accounts, info] = await Promise.all([
          settle(() => bridge.listServers({})),
          settle(() => bridge.listAccounts({})),
          demoInfo,
        ])
        if (servers.ok) set({ servers: servers.value })
        if (accounts.ok) set({ accounts: accounts.value })
        if (info?.ok) set({ info: info.value })
      },

      async resetDemo() {
        const result = await run('resetDemo', () => bridge.resetDemo({}))
        if (result === 'stale' || !result?.ok) return
        await get().refresh()
        await get().refreshMail()
        go({ flow: 'home' }, { level: 'success', message: { code: 'notice.demo-reset' } })
      },

      async refreshMail() {
        if (!get().info?.demo.running) return
        const mail = await settle(() => bridge.listDemoMail({}))
        if (mail.ok) set({ mail: [...mail.value].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)) })
      },

      setDirty(dirty) {
        if (get().dirty !== dirty) set({ dirty })
      },
      confirmLeave() {
        const navigate = get().leaving
        // The user said to drop what they typed: the move is no longer asked about.
        set({ leaving: null, dirty: false })
        navigate?.()
      },
      stayOnScreen() {
        set({ leaving: null })
      },
      dismissNotice() {
        set({ notice: null })
      },

      goHome(notice) {
        leave(() => go({ flow: 'home' }, notice ?? null))
      },
      async goAbout() {
        if (get().dirty) {
          set({ leaving: () => void get().goAbout() })
          return
        }
        go({ flow: 'about', diagnostics: null })
        const mine = generation
        const result = await settle(() => bridge.getDiagnostics({}))
        if (generation !== mine) return
        set({
          screen: result.ok
            ? { flow: 'about', diagnostics: result.value }
            : { flow: 'about', diagnostics: null, unavailable: true },
        })
      },
      goAddServer() {
        leave(() => go({ flow: 'addServer', step: { name: 'form' } }))
      },
      goSignIn(opts = {}) {
        const serverId = opts.serverId ?? get().servers[0]?.id ?? null
        const reason = opts.reason ?? 'add'
        const move = () =>
          go({ flow: 'signIn', step: { name: 'form', serverId, username: opts.username ?? '', reason } })
        // Offered by a failed form (the session ended, the change may have been made): what it holds is moot.
        if (reason === 'session-expired' || reason === 'may-have-applied') move()
        else leave(move)
      },
      goForgot(opts = {}) {
        const serverId = opts.serverId ?? get().servers[0]?.id ?? null
        const email = opts.email ?? (serverId ? (get().knownEmails[serverId] ?? '') : '')
        leave(() => go({ flow: 'reset', step: { name: 'forgot', serverId, email } }))
      },
      goChange(accountId) {
        leave(() => go({ flow: 'change', step: { name: 'form', accountId } }))
      },
    }
  })
}
