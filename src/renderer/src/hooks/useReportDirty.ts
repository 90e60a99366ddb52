import { useEffect } from 'react'
import { useApp } from '../store/provider'

/** Tells the store whether this screen holds typed input (never the input itself). */
export function useReportDirty(dirty: boolean): void {
  const setDirty = useApp((s) => s.setDirty)
  useEffect(() => setDirty(dirty), [dirty, setDirty])
  useEffect(() => () => setDirty(false), [setDirty])
}
