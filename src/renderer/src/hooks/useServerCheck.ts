import { useCallback, useEffect, useRef, useState } from 'react'
import type { ServerDetection } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import { useApp } from '../store/provider'

/** How long typing pauses before the address is checked. */
export const CHECK_PAUSE_MS = 700

export type CheckState =
  { status: 'idle' } | { status: 'checking' } | { status: 'done'; result: Result<ServerDetection> }

/**
 * Add server's check of the address being typed: asked after a pause in typing (or at once with `checkNow`, on
 * leaving the field or submitting), once per address; an answer is only ever shown for the address it is about.
 * `address` is null while the address is not one to ask about.
 */
export function useServerCheck(address: string | null) {
  const detectServer = useApp((s) => s.detectServer)
  const asked = useRef(new Map<string, Promise<Result<ServerDetection>>>())
  const [states, setStates] = useState<Record<string, CheckState>>({})

  const checkNow = useCallback(
    (target: string): Promise<Result<ServerDetection>> => {
      const running = asked.current.get(target)
      if (running) return running
      const pending = detectServer(target).then((result) => {
        // A check the user abandoned (Cancel elsewhere) may be asked again.
        const abandoned = !result.ok && result.error.kind === 'cancelled'
        if (abandoned) asked.current.delete(target)
        setStates((s) => ({ ...s, [target]: abandoned ? { status: 'idle' } : { status: 'done', result } }))
        return result
      })
      asked.current.set(target, pending)
      setStates((s) => ({ ...s, [target]: { status: 'checking' } }))
      return pending
    },
    [detectServer],
  )

  /** Asks again about an address whose answer may since have changed ("Check again"). */
  const recheck = useCallback(
    (target: string) => {
      asked.current.delete(target)
      void checkNow(target)
    },
    [checkNow],
  )

  useEffect(() => {
    if (!address || asked.current.has(address)) return
    const timer = setTimeout(() => void checkNow(address), CHECK_PAUSE_MS)
    return () => clearTimeout(timer)
  }, [address, checkNow])

  const state: CheckState = (address && states[address]) || { status: 'idle' }
  return { state, checkNow, recheck }
}
