import { describe, expect, it, vi } from 'vitest'
import { buildBridge, type IpcRendererLike } from '../../src/preload/bridge'
import { BRIDGE_GLOBAL, channelOf, contract, eventNames, invokeNames } from '../../src/shared/contract'
import { EVENT_NAMES, INVOKE_NAMES } from '../../src/shared/channels'

function fakeIpc() {
  const listeners = new Map<string, Set<(e: unknown, p: unknown) => void>>()
  const ipc: IpcRendererLike & { calls: [string, unknown][]; fire(c: string, p: unknown): void } = {
    calls: [],
    invoke: async (channel, payload) => {
      ipc.calls.push([channel, payload])
      return { ok: true, value: {} }
    },
    on: (channel, l) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set())
      listeners.get(channel)!.add(l)
    },
    removeListener: (channel, l) => listeners.get(channel)?.delete(l),
    fire: (channel, payload) =>
      listeners.get(channel)?.forEach((l) => l({ sender: 'ipcRenderer', ports: [] }, payload)),
  }
  return ipc
}

describe('the contract and its name lists', () => {
  it('channels.ts lists exactly the contract keys', () => {
    expect([...INVOKE_NAMES].sort()).toEqual(Object.keys(contract.invoke).sort())
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(contract.events).sort())
  })
})

describe('the preload bridge (checklist row 20)', () => {
  it('has exactly one function per contract channel and event, and nothing else', () => {
    const bridge = buildBridge(fakeIpc())
    expect(Object.keys(bridge).sort()).toEqual([...invokeNames, ...eventNames].sort())
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function')
    expect(Object.isFrozen(bridge)).toBe(true)
  })

  it('invokes on the contract channel', async () => {
    const ipc = fakeIpc()
    const bridge = buildBridge(ipc)
    await bridge.signIn({ serverId: 's', username: 'u', password: 'p' })
    expect(ipc.calls).toEqual([[channelOf('signIn'), { serverId: 's', username: 'u', password: 'p' }]])
  })

  it('gives listeners the payload only, never the IPC event, and unsubscribes', () => {
    const ipc = fakeIpc()
    const bridge = buildBridge(ipc)
    const seen: unknown[][] = []
    const off = bridge.onLink((...args: unknown[]) => seen.push(args))
    ipc.fire(channelOf('onLink'), { type: 'refused', message: 'x' })
    off()
    ipc.fire(channelOf('onLink'), { type: 'refused', message: 'y' })
    expect(seen).toEqual([[{ type: 'refused', message: 'x' }]])
  })

  it('the preload entry exposes the bridge under one name through contextBridge', async () => {
    const exposed: Record<string, unknown> = {}
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: fakeIpc(),
    }))
    await import('../../src/preload/index')
    expect(Object.keys(exposed)).toEqual([BRIDGE_GLOBAL])
    const api = exposed[BRIDGE_GLOBAL] as Record<string, unknown>
    expect(Object.keys(api).sort()).toEqual([...invokeNames, ...eventNames].sort())
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipcRenderer|invoke"|send"|on"/)
    vi.doUnmock('electron')
  })
})
