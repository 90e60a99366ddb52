import path from 'node:path'
import { z } from 'zod'
import { LANGUAGE_CHOICES } from '../../shared/language'
import { readJsonFile, writeFileAtomic } from './atomic-file'

/**
 * The app's own files in its data folder: settings.json (servers the user added, the language chosen in the app)
 * and accounts.json (accounts,
 * with each session sealed by the secret store, or absent when secrets are memory-only). No password is ever
 * written anywhere.
 */
export const settingsFileSchema = z.object({
  version: z.literal(1),
  servers: z.array(z.record(z.string(), z.unknown())).max(500),
  /** The language chosen in the app; absent (files from before languages) means the system's. */
  language: z.enum(LANGUAGE_CHOICES).optional(),
})
export type SettingsFile = z.infer<typeof settingsFileSchema>

export const storedAccountSchema = z.object({
  id: z.string().min(1).max(200),
  serverId: z.string().min(1).max(200),
  username: z.string().max(254),
  email: z.string().max(254).optional(),
  /** The server's primary key for the user, when known: matches a reset link's uid to this account. */
  userId: z.string().max(64).optional(),
  lastSignedInAt: z.string().optional(),
  /** The backend session sealed with safeStorage (base64); absent when signed out or memory-only. */
  sealedSession: z.string().max(16384).optional(),
})
export type StoredAccount = z.infer<typeof storedAccountSchema>

export const accountsFileSchema = z.object({
  version: z.literal(1),
  accounts: z.array(storedAccountSchema).max(20000),
})
export type AccountsFile = z.infer<typeof accountsFileSchema>

export interface Notice {
  level: 'info' | 'warning' | 'error'
  message: string
}

export interface AppFiles {
  settingsPath: string
  accountsPath: string
  loadSettings(): Promise<{ value: SettingsFile; notice?: Notice }>
  saveSettings(value: SettingsFile): Promise<void>
  loadAccounts(): Promise<{ value: AccountsFile; notice?: Notice }>
  saveAccounts(value: AccountsFile): Promise<void>
}

function corruptNotice(what: string, movedTo: string | null, problem: string): Notice {
  return {
    level: 'warning',
    message: movedTo
      ? `Your ${what} file could not be read because ${problem}. It was kept as ${path.basename(movedTo)} and Account Desk started with a fresh one.`
      : `Your ${what} file could not be read because ${problem}. Account Desk started without it.`,
  }
}

export function createAppFiles(dataDir: string, now: () => Date = () => new Date()): AppFiles {
  const settingsPath = path.join(dataDir, 'settings.json')
  const accountsPath = path.join(dataDir, 'accounts.json')
  // Writes to one file are serialised so that two quick saves cannot land out of order.
  const chains = new Map<string, Promise<void>>()
  const serialWrite = (file: string, data: unknown) => {
    const next = (chains.get(file) ?? Promise.resolve())
      .catch(() => {})
      .then(() => writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`))
    chains.set(file, next)
    return next
  }
  return {
    settingsPath,
    accountsPath,
    async loadSettings() {
      const read = await readJsonFile(settingsPath, settingsFileSchema, now)
      if (read.status === 'ok') return { value: read.value }
      const value: SettingsFile = { version: 1, servers: [] }
      return read.status === 'missing'
        ? { value }
        : { value, notice: corruptNotice('settings', read.movedTo, read.problem) }
    },
    saveSettings: (value) => serialWrite(settingsPath, value),
    async loadAccounts() {
      const read = await readJsonFile(accountsPath, accountsFileSchema, now)
      if (read.status === 'ok') return { value: read.value }
      const value: AccountsFile = { version: 1, accounts: [] }
      return read.status === 'missing'
        ? { value }
        : { value, notice: corruptNotice('accounts', read.movedTo, read.problem) }
    },
    saveAccounts: (value) => serialWrite(accountsPath, value),
  }
}
