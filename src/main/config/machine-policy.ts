import { execFile } from 'node:child_process'
import { readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { MACOS_PLUTIL, sourceName, type MachinePolicySource } from './policy-paths'

/**
 * Reads the machine policy from the first of its per-OS sources that exists (policy-paths.ts). Everything that
 * touches the machine comes in through PolicyIo, so tests cover the Windows, macOS and Linux paths on any OS.
 */
export interface PolicyIo {
  /** Reads a file as UTF-8; rejects with a Node error (`code` ENOENT etc.). */
  readFile(file: string): Promise<string>
  /** The path with every symbolic link resolved; rejects with ENOENT when it does not exist. */
  realpath(file: string): Promise<string>
  stat(file: string): Promise<{ uid: number; mode: number }>
  /** Runs a program (never through a shell) and answers its exit code and standard output. */
  run(file: string, args: string[]): Promise<{ code: number | null; stdout: string }>
}

export type MachinePolicyRead =
  | { kind: 'missing' }
  | { kind: 'text'; source: string; text: string }
  | { kind: 'unreadable'; source: string; problem: string }

type SourceRead = MachinePolicyRead | { kind: 'unavailable'; source: string; problem: string }

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

function problemOf(error: unknown): string {
  const code = codeOf(error)
  if (code === 'EACCES' || code === 'EPERM')
    return 'the app is not allowed to read it (check its permissions)'
  if (code === 'EISDIR') return 'it is a folder, not a file'
  if (code === 'ENOTDIR') return 'a part of its path is a file, not a folder'
  return `it could not be read (${code ?? 'unknown error'})`
}

/**
 * Why a file is not trusted as a machine policy: it, or a folder above it, is not owned by root or may be written
 * by a group or by others. Null when only root can change it.
 */
export async function ownershipProblem(realFile: string, io: PolicyIo): Promise<string | null> {
  for (let current = realFile; ; current = path.posix.dirname(current)) {
    const { uid, mode } = await io.stat(current)
    const what = current === realFile ? 'it' : `its folder ${current}`
    if (uid !== 0) return `${what} is not owned by root`
    if ((mode & 0o022) !== 0)
      return `${what} may be changed by users other than root (group or others can write)`
    if (path.posix.dirname(current) === current) return null
  }
}

/** `reg query` output: the line "    Policy    REG_SZ    {…}". */
export function parseRegQuery(stdout: string, value: string): string | null {
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^\s+(.+?)\s{4}(REG_SZ|REG_EXPAND_SZ|REG_MULTI_SZ)\s{4}(.*)$/.exec(line)
    if (!match || match[1]!.toLowerCase() !== value.toLowerCase()) continue
    // reg.exe shows the strings of a REG_MULTI_SZ joined by a literal \0: one line each.
    return match[2] === 'REG_MULTI_SZ' ? match[3]!.split('\\0').join('\n') : match[3]!
  }
  return null
}

/** A managed-preferences plist's dictionary as policy JSON; the profile's own Payload* keys are left out. */
async function plistToJson(text: string): Promise<string> {
  const { parse } = await import('plist/lib/parse.js')
  const value = parse(text)
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date)
    throw new Error('it does not hold a dictionary')
  const entries = Object.entries(value).filter(([key]) => !key.startsWith('Payload'))
  return JSON.stringify(Object.fromEntries(entries))
}

async function readRegistry(
  source: Extract<MachinePolicySource, { type: 'registry' }>,
  io: PolicyIo,
): Promise<SourceRead> {
  const name = sourceName(source)
  let result: { code: number | null; stdout: string }
  try {
    result = await io.run(source.regExe, ['query', source.key, '/v', source.value])
  } catch (error) {
    return {
      kind: 'unavailable',
      source: name,
      problem: `${source.regExe} could not run (${codeOf(error) ?? 'error'})`,
    }
  }
  if (result.code === null)
    return { kind: 'unavailable', source: name, problem: `${source.regExe} did not finish in time` }
  // reg.exe exits 1 when the key or the value does not exist.
  if (result.code !== 0) return { kind: 'missing' }
  const text = parseRegQuery(result.stdout, source.value)
  if (text === null) return { kind: 'unreadable', source: name, problem: 'it is not a string value (REG_SZ)' }
  return { kind: 'text', source: name, text }
}

async function readPolicyFile(
  source: Extract<MachinePolicySource, { type: 'file' }>,
  io: PolicyIo,
): Promise<SourceRead> {
  const name = source.path
  try {
    if (source.rootOwned) {
      const real = await io.realpath(source.path)
      const problem = await ownershipProblem(real, io)
      if (problem) return { kind: 'unreadable', source: name, problem: `it is not trusted: ${problem}` }
    }
    let text = await io.readFile(source.path)
    if (source.format === 'json') return { kind: 'text', source: name, text }
    if (text.startsWith('bplist')) {
      // A binary plist (what MDM usually writes): plutil turns it into XML.
      const converted = await io.run(MACOS_PLUTIL, ['-convert', 'xml1', '-o', '-', '--', source.path])
      if (converted.code !== 0)
        return {
          kind: 'unreadable',
          source: name,
          problem: 'it is a binary plist that plutil could not convert',
        }
      text = converted.stdout
    }
    try {
      return { kind: 'text', source: name, text: await plistToJson(text) }
    } catch (error) {
      return {
        kind: 'unreadable',
        source: name,
        problem: `it is not a valid plist (${(error as Error).message})`,
      }
    }
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return { kind: 'missing' }
    return { kind: 'unreadable', source: name, problem: problemOf(error) }
  }
}

/**
 * The first source that exists wins; a source that exists but cannot be used (unreadable, untrusted, not valid)
 * is reported, never skipped for a later one. `onUnavailable` hears of a source that could not be asked at all
 * (no reg.exe at its fixed path).
 */
export async function readMachinePolicy(
  sources: readonly MachinePolicySource[],
  io: PolicyIo,
  onUnavailable: (source: string, problem: string) => void = () => {},
): Promise<MachinePolicyRead> {
  for (const source of sources) {
    const read =
      source.type === 'registry' ? await readRegistry(source, io) : await readPolicyFile(source, io)
    if (read.kind === 'missing') continue
    if (read.kind === 'unavailable') {
      onUnavailable(read.source, read.problem)
      continue
    }
    return read
  }
  return { kind: 'missing' }
}

/** PolicyIo over this machine's file system and programs. */
export function nodePolicyIo(): PolicyIo {
  return {
    readFile: (file) => readFile(file, 'utf8'),
    realpath: (file) => realpath(file),
    stat: async (file) => {
      const found = await stat(file)
      return { uid: found.uid, mode: found.mode }
    },
    run: (file, args) =>
      new Promise((resolve, reject) => {
        execFile(
          file,
          args,
          { windowsHide: true, timeout: 15_000, maxBuffer: 4_000_000 },
          (error, stdout) => {
            const code: unknown = error ? (error as { code?: unknown }).code : 0
            // A numeric code is the program's exit status; a string one (ENOENT) means it could not start.
            if (typeof code === 'number') resolve({ code, stdout: String(stdout) })
            else if (error && error.killed) resolve({ code: null, stdout: String(stdout) })
            else reject(error ?? new Error('no exit status'))
          },
        )
      }),
  }
}
