import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLogger } from '../../src/main/log'
import { createLogFile } from '../../src/main/log-file'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'log-file-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the log file', () => {
  it('writes each line to main.log in the log folder (created when missing)', async () => {
    const logs = path.join(dir, 'nested', 'logs')
    const file = createLogFile({ dir: logs })
    file.sink('{"event":"one"}')
    file.sink('{"event":"two"}')
    expect(file.path).toBe(path.join(logs, 'main.log'))
    expect(await readFile(file.path, 'utf8')).toBe('{"event":"one"}\n{"event":"two"}\n')
  })

  it('is size-capped and rotated: main.log → main.1.log → main.2.log, the oldest dropped', async () => {
    const file = createLogFile({ dir, maxBytes: 100, keep: 2 })
    for (let i = 0; i < 40; i++) file.sink(`line ${String(i).padStart(2, '0')} ${'x'.repeat(20)}`)
    const names = (await readdir(dir)).sort()
    expect(names).toEqual(['main.1.log', 'main.2.log', 'main.log'])
    for (const name of names) {
      const text = await readFile(path.join(dir, name), 'utf8')
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(100)
    }
    expect(await readFile(file.path, 'utf8')).toContain('line 39')
    const all = (await Promise.all(names.map((n) => readFile(path.join(dir, n), 'utf8')))).join('')
    expect(all).not.toContain('line 00')
  })

  it('keeps the last 100 lines for the diagnostics view', () => {
    const file = createLogFile({ dir })
    for (let i = 0; i < 150; i++) file.sink(`line ${i}`)
    expect(file.recent()).toHaveLength(100)
    expect(file.recent()[0]).toBe('line 50')
    expect(file.recent()[99]).toBe('line 149')
  })

  it('gets only redacted lines from the logger: no password, token or reset link reaches the file', async () => {
    const file = createLogFile({ dir })
    const logger = createLogger(file.sink, 'debug')
    const token = '9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b'
    logger.info('sign-in', { password: 'Quartz-Lantern-58', token, note: `see ${token}` })
    logger.warn('link', {
      where: 'accountdesk://accounts.example.com/reset/MQ/diusln-88aa9a15913d435fa538b434f728f58d',
    })
    const text = await readFile(file.path, 'utf8')
    expect(text).not.toContain('Quartz-Lantern-58')
    expect(text).not.toContain(token)
    expect(text).not.toContain('88aa9a15913d435fa538b434f728f58d')
    expect(text).toContain('[redacted]')
  })

  it('a folder it cannot write: logging goes on in memory, the failure is told once', async () => {
    const errors: unknown[] = []
    // A file where the folder should be: mkdir fails with ENOTDIR.
    await writeFile(path.join(dir, 'blocker'), '')
    const file = createLogFile({ dir: path.join(dir, 'blocker', 'logs'), onError: (e) => errors.push(e) })
    file.sink('a')
    file.sink('b')
    expect(errors).toHaveLength(1)
    expect(file.recent()).toEqual(['a', 'b'])
  })
})
