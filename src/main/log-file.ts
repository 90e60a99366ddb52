import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import type { LogSink } from './log'

/**
 * The log file IT can read: `main.log` in the OS log folder (`app.getPath('logs')`), size-capped and rotated
 * (`main.log` → `main.1.log` → … → `main.<keep>.log`, the oldest dropped). It takes lines from the one logger
 * (src/main/log.ts), so everything in it has been through `redact`. It also keeps the last lines in memory for
 * the About / diagnostics view.
 *
 * Why not electron-log: it requires the real `electron` module at load (so the shell could no longer run under the
 * fake without inlining it), brings its own formatting, transports and IPC that the app would have to switch off
 * to keep the one redacting logger, and the part needed here is a size check and a rename.
 * Synchronous appends: the app logs a few lines per user action, and a line written before a crash is the line
 * IT needs.
 */
export interface LogFile {
  readonly path: string
  readonly sink: LogSink
  /** The last lines written (at most `recentLines`), oldest first. */
  recent(): string[]
}

export const LOG_FILE_NAME = 'main.log'

export function createLogFile(opts: {
  dir: string
  maxBytes?: number
  keep?: number
  recentLines?: number
  /** Told once when the file cannot be written (a full disk, a read-only folder); logging goes on in memory. */
  onError?: (error: unknown) => void
}): LogFile {
  const maxBytes = opts.maxBytes ?? 1024 * 1024
  const keep = opts.keep ?? 3
  const recentMax = opts.recentLines ?? 100
  const file = path.join(opts.dir, LOG_FILE_NAME)
  const rotated = (n: number) => path.join(opts.dir, `main.${n}.log`)
  const recent: string[] = []
  let size: number | null = null
  let broken = false

  const currentSize = (): number => {
    if (size !== null) return size
    try {
      size = statSync(file).size
    } catch {
      size = 0
    }
    return size
  }
  const rotate = () => {
    rmSync(rotated(keep), { force: true })
    for (let n = keep - 1; n >= 1; n--) {
      try {
        renameSync(rotated(n), rotated(n + 1))
      } catch {
        // that generation does not exist yet
      }
    }
    renameSync(file, rotated(1))
    size = 0
  }

  return {
    path: file,
    recent: () => [...recent],
    sink: (line) => {
      recent.push(line)
      if (recent.length > recentMax) recent.shift()
      if (broken) return
      const bytes = Buffer.byteLength(line) + 1
      try {
        if (size === null) mkdirSync(opts.dir, { recursive: true })
        if (currentSize() > 0 && currentSize() + bytes > maxBytes) rotate()
        appendFileSync(file, `${line}\n`, { mode: 0o600 })
        size = currentSize() + bytes
      } catch (error) {
        broken = true
        opts.onError?.(error)
      }
    },
  }
}
