import { mkdtemp, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'

/**
 * Files are written whole or not at all (temp file + fsync + rename), and a file the app cannot read is moved
 * aside, never deleted and never fatal. Failures are injected into node:fs/promises at the write and the rename.
 */
const inject = vi.hoisted(() => ({ failWrite: false, failRename: false, failReadWithoutCode: false }))
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args)
      if (!inject.failWrite || args[1] !== 'wx') return handle
      // The temp file now exists; the write dies half-way, as on a full disk.
      await handle.writeFile('{"version": 1, "serv')
      await handle.close()
      return {
        writeFile: async () => {
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
        },
        sync: async () => {},
        close: async () => {},
      } as unknown as Awaited<ReturnType<typeof real.open>>
    },
    readFile: async (...args: Parameters<typeof real.readFile>) => {
      if (inject.failReadWithoutCode) throw new Error('the disk went away')
      return real.readFile(...args)
    },
    rename: async (...args: Parameters<typeof real.rename>) => {
      if (inject.failRename) throw Object.assign(new Error('EXDEV: rename failed'), { code: 'EXDEV' })
      return real.rename(...args)
    },
  }
})

const { readJsonFile, writeFileAtomic } = await import('../../src/main/storage/atomic-file')

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'storage-atomic-'))
  inject.failWrite = false
  inject.failRename = false
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const tempFiles = async (folder: string) => (await readdir(folder)).filter((f) => f.endsWith('.tmp'))

describe('writeFileAtomic', () => {
  it('writes the whole file, owner-only, in a folder it creates owner-only, leaving no temp file', async () => {
    const file = path.join(dir, 'nested', 'settings.json')
    await writeFileAtomic(file, '{"version":1}\n')
    expect(await readFile(file, 'utf8')).toBe('{"version":1}\n')
    if (process.platform !== 'win32') {
      expect((await stat(file)).mode & 0o777).toBe(0o600)
      expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700)
    }
    expect(await tempFiles(path.dirname(file))).toEqual([])
  })

  it('replaces the old file only when the new one is complete', async () => {
    const file = path.join(dir, 'accounts.json')
    await writeFileAtomic(file, 'old')
    await writeFileAtomic(file, 'new')
    expect(await readFile(file, 'utf8')).toBe('new')
    expect(await readdir(dir)).toEqual(['accounts.json'])
  })

  it('a write that fails half-way leaves the old file intact and no temp file', async () => {
    const file = path.join(dir, 'settings.json')
    await writeFileAtomic(file, '{"version":1,"servers":[]}')
    inject.failWrite = true
    await expect(writeFileAtomic(file, '{"version":1,"servers":[{"id":"x"}]}')).rejects.toThrow(/ENOSPC/)
    expect(await readFile(file, 'utf8')).toBe('{"version":1,"servers":[]}')
    expect(await tempFiles(dir)).toEqual([])
  })

  it('a rename that fails leaves the old file intact and no temp file', async () => {
    const file = path.join(dir, 'settings.json')
    await writeFileAtomic(file, 'old')
    inject.failRename = true
    await expect(writeFileAtomic(file, 'new')).rejects.toThrow(/EXDEV/)
    expect(await readFile(file, 'utf8')).toBe('old')
    expect(await tempFiles(dir)).toEqual([])
  })

  it('a target that cannot be replaced (a folder in the way) fails cleanly', async () => {
    const file = path.join(dir, 'settings.json')
    await mkdir(file)
    await expect(writeFileAtomic(file, 'x')).rejects.toThrow()
    expect(await tempFiles(dir)).toEqual([])
  })

  it('many concurrent writes leave exactly one complete version', async () => {
    const file = path.join(dir, 'accounts.json')
    const payloads = Array.from({ length: 25 }, (_, i) =>
      JSON.stringify({ version: 1, n: i, pad: 'x'.repeat(5000) }),
    )
    await Promise.all(payloads.map((p) => writeFileAtomic(file, p)))
    expect(payloads).toContain(await readFile(file, 'utf8'))
    expect(await tempFiles(dir)).toEqual([])
  })
})

describe('readJsonFile', () => {
  const schema = z.object({ version: z.literal(1), servers: z.array(z.unknown()) })
  const now = () => new Date('2026-11-30T12:00:00.000Z')
  const corruptName = 'settings.json.corrupt-2026-11-30T12-00-00-000Z'

  it('a missing file is normal', async () => {
    expect(await readJsonFile(path.join(dir, 'settings.json'), schema, now)).toEqual({ status: 'missing' })
  })

  it('a good file is read', async () => {
    const file = path.join(dir, 'settings.json')
    await writeFile(file, '{"version":1,"servers":[]}')
    expect(await readJsonFile(file, schema, now)).toEqual({
      status: 'ok',
      value: { version: 1, servers: [] },
    })
  })

  it.each([
    ['not JSON at all', 'garbage \u0000\u0001', /not valid JSON/],
    ['truncated', '{"version":1,"servers":[{"id":"ex', /not valid JSON \(it may have been cut short\)/],
    ['empty', '', /not valid JSON/],
    ['the wrong shape', '{"version":2,"servers":{}}', /not in the expected form/],
    ['a bare list', '[1,2,3]', /not in the expected form/],
    ['JSON null', 'null', /not in the expected form/],
  ])('a file that is %s is moved aside, bytes kept, with a reason', async (_what, text, problem) => {
    const file = path.join(dir, 'settings.json')
    await writeFile(file, text)
    const read = await readJsonFile(file, schema, now)
    expect(read).toEqual({
      status: 'corrupt',
      movedTo: path.join(dir, corruptName),
      problem: expect.stringMatching(problem),
    })
    expect(await readFile(path.join(dir, corruptName), 'utf8')).toBe(text)
    expect(await readdir(dir)).toEqual([corruptName])
  })

  it('a path that cannot be read at all is reported, not thrown', async () => {
    const file = path.join(dir, 'settings.json')
    await mkdir(file)
    const read = await readJsonFile(file, schema, now)
    expect(read).toMatchObject({
      status: 'corrupt',
      movedTo: null,
      problem: 'it could not be read (EISDIR)',
    })
  })

  it('a corrupt file that cannot be moved aside is reported with no copy', async () => {
    const file = path.join(dir, 'settings.json')
    await writeFile(file, 'not JSON')
    inject.failRename = true
    expect(await readJsonFile(file, schema)).toEqual({
      status: 'corrupt',
      movedTo: null,
      problem: 'it is not valid JSON (it may have been cut short)',
    })
  })

  it('names the moved-aside copy after the current time when no clock is given', async () => {
    const file = path.join(dir, 'settings.json')
    await writeFile(file, 'not JSON')
    const read = await readJsonFile(file, schema)
    expect(read).toMatchObject({
      status: 'corrupt',
      movedTo: expect.stringMatching(/\.corrupt-\d{4}-\d\d-\d\dT/),
    })
  })

  it('a read error without a code is reported as "error"', async () => {
    const file = path.join(dir, 'settings.json')
    await writeFile(file, '{"version": 1, "servers": []}')
    inject.failReadWithoutCode = true
    try {
      expect(await readJsonFile(file, schema, now)).toEqual({
        status: 'corrupt',
        movedTo: null,
        problem: 'it could not be read (error)',
      })
    } finally {
      inject.failReadWithoutCode = false
    }
  })
})
