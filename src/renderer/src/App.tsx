import { useEffect, useState } from 'react'
import type { AppInfo } from '../../shared/contract'
import { getBridge } from './bridge'

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null)
  useEffect(() => {
    const bridge = getBridge()
    void bridge.getAppInfo({}).then((result) => {
      if (result.ok) setInfo(result.value)
    })
    void bridge.rendererReady({})
  }, [])
  return (
    <main className="app">
      <h1>Account Desk</h1>
      <p>{info ? `Version ${info.version}` : 'Starting…'}</p>
    </main>
  )
}
