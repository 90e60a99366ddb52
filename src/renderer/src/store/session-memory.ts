import type { Screen } from './types'

/**
 * What survives a reload of the window (Ctrl+R, a crashed page reloaded by the shell): the screen the user was on,
 * with the reset link's *handle* when the screen holds one. Never a password (the screens keep typed input in
 * their own state, not in the screen) and never a token (the renderer has none).
 *
 * Kept in the page's sessionStorage rather than in main: the screen is the renderer's own business, main already
 * keeps the handle's secret (handles outlive a reload, not a restart), and sessionStorage belongs to this one
 * window and is gone when it closes, so nothing here outlives the app run that made it. A handle that has expired
 * meanwhile is told on submit like any other ("no longer open in Account Desk").
 */
export interface SessionMemory {
  /** The kept screen, checked (restorable-screen.ts, loaded only when there is one); null when none is kept. */
  load(): Promise<Screen | null>
  save(screen: Screen): void
}

const KEY = 'account-desk.screen'

/**
 * The memory kept in `storage()` (the window's sessionStorage); a storage that refuses, or a page that may not
 * have one, keeps nothing and the app starts at its first screen as it always did.
 */
export function sessionMemory(storage: () => Pick<Storage, 'getItem' | 'setItem'>): SessionMemory {
  return {
    async load() {
      try {
        const kept = storage().getItem(KEY)
        if (kept === null) return null
        const { restoredScreen } = await import('./restorable-screen')
        return restoredScreen(JSON.parse(kept))
      } catch {
        return null
      }
    },
    save(screen) {
      // About's diagnostics are fetched again; the rest of a screen is small and holds no secret.
      const kept = screen.flow === 'about' ? { flow: 'about' } : screen
      try {
        storage().setItem(KEY, JSON.stringify(kept))
      } catch {
        // Full or refused: a reload then starts at the first screen, as before.
      }
    },
  }
}
