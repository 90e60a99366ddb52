import { describe, expect, it, vi } from 'vitest'
import { sessionMemory } from '../../src/renderer/src/store/session-memory'

// Counts the imports of the kept-screen check (zod and the IPC contract's schemas): a fresh window must not pay
// for them on its first screen.
const imported = vi.hoisted(() => ({ count: 0 }))
vi.mock('../../src/renderer/src/store/restorable-screen', async (importOriginal) => {
  imported.count++
  return importOriginal()
})

const storageWith = (kept: string | null) => ({ getItem: () => kept, setItem: () => undefined })

describe('session memory: the screen kept across a reload', () => {
  it('finds nothing in a fresh window, without loading the kept-screen check', async () => {
    await expect(sessionMemory(() => storageWith(null)).load()).resolves.toBeNull()
    expect(imported.count).toBe(0)
  })

  it('loads the check when a screen was kept, and gives the screen back', async () => {
    const memory = sessionMemory(() => storageWith(JSON.stringify({ flow: 'about' })))
    await expect(memory.load()).resolves.toEqual({ flow: 'about', diagnostics: null })
    expect(imported.count).toBe(1)
  })

  it('gives nothing for a kept screen it cannot read, or a storage that refuses', async () => {
    await expect(sessionMemory(() => storageWith('{"flow":"nowhere"}')).load()).resolves.toBeNull()
    await expect(sessionMemory(() => storageWith('{not json')).load()).resolves.toBeNull()
    const refusing = () => {
      throw new Error('SecurityError')
    }
    await expect(sessionMemory(refusing).load()).resolves.toBeNull()
  })
})
