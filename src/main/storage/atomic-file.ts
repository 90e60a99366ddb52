import { randomBytes } from 'node:crypto'
import { open, readFile, rename, rm, mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { z } from 'zod'

/**
 * Files the app owns are written whole or not at all: a temp file in the same folder, fsync, rename over the old
 * one, fsync the folder. A crash at any point leaves either the old file or the new one, never half of either.
 */
export async function writeFileAtomic(file: string, data: string, mode = 0o600): Promise<void> {
  const dir = path.dirname(file)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    const handle = await open(temp, 'wx', mode)
    try {
      await handle.writeFile(data, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  try {
    const dirHandle = await open(dir, 'r')
    try {
      await dirHandle.sync()
    } finally {
      await dirHandle.close()
    }
  } catch {
    // Some platforms (Windows) cannot open a folder for fsync; the rename is still atomic there.
  }
}

export type JsonFileRead<T> =
  | { status: 'ok'; value: T }
  | { status: 'missing' }
  /** The file could not be read as T; it was moved aside to `movedTo` so nothing is lost. */
  | { status: 'corrupt'; movedTo: string | null; problem: string }

/**
 * Reads a JSON file the app wrote. A missing file is normal; a corrupt or truncated one (or one of the wrong
 * shape) is renamed to `<name>.corrupt-<time>` so the user keeps it and the app starts fresh.
 */
export async function readJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
  now: () => Date = () => new Date(),
): Promise<JsonFileRead<z.output<S>>> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' }
    return {
      status: 'corrupt',
      movedTo: null,
      problem: `it could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    }
  }
  let problem: string
  try {
    const parsed = schema.safeParse(JSON.parse(text))
    if (parsed.success) return { status: 'ok', value: parsed.data }
    problem = 'its contents are not in the expected form'
  } catch {
    problem = 'it is not valid JSON (it may have been cut short)'
  }
  const movedTo = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`
  try {
    await rename(file, movedTo)
    return { status: 'corrupt', movedTo, problem }
  } catch {
    return { status: 'corrupt', movedTo: null, problem }
  }
}
