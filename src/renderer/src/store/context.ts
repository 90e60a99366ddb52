import type { StoreApi } from 'zustand/vanilla'
import type { Bridge } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import type { Action, AppState, Notice, Screen } from './types'

/** What the store's action modules share: the bridge, the clock, navigation and the single-flight runner. */
export interface StoreContext {
  bridge: Bridge
  now: () => number
  resendCooldownMs: number
  set: StoreApi<AppState>['setState']
  get: StoreApi<AppState>['getState']
  /** Moves to another screen: clears the failure, the busy state and the dirty flag. */
  go(screen: Screen, notice?: Notice | null): void
  /**
   * A move the user asked for (a back button, Cancel, the top bar): done at once, or, when the screen holds typed
   * input, after the leave dialog's yes.
   */
  leave(navigate: () => void): void
  /** Increases on every `go`; a result that comes back after the user moved on is dropped. */
  generation(): number
  /**
   * Runs one bridge call the user started. Refuses (null) while another runs or while the server's wait time
   * for this action lasts. Answers 'stale' when the user left the screen meanwhile.
   */
  run<T>(action: Action, call: () => Promise<Result<T>>): Promise<Result<T> | 'stale' | null>
  /** Resolves when the first load (app info, servers, accounts) has finished, however it ended. */
  loaded(): Promise<void>
}

/** A bridge call that cannot throw: a broken transport becomes an `internal` failure. */
export async function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    const result = await call()
    if (result && typeof result === 'object' && 'ok' in result) return result
  } catch {
    // fall through
  }
  return {
    ok: false,
    error: { kind: 'internal', message: { code: 'internal.not-completed' } },
  }
}
