import { useEffect, useReducer } from 'react'

const secondsUntil = (until: number | null | undefined): number =>
  until ? Math.max(0, Math.ceil((until - Date.now()) / 1000)) : 0

/** Whole seconds until `until` (ms since the epoch), re-rendering once a second; 0 when passed or null. */
export function useSecondsLeft(until: number | null | undefined): number {
  const [, tick] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    if (!until || until <= Date.now()) return
    const timer = setInterval(() => {
      tick()
      if (Date.now() >= until) clearInterval(timer)
    }, 250)
    return () => clearInterval(timer)
  }, [until])
  return secondsUntil(until)
}
