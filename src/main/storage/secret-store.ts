import { say, type AppMessage } from '../../shared/messages'
import type { SafeStorageLike } from '../services/deps'

/**
 * Session tokens at rest go only through Electron's safeStorage, through its asynchronous API (the synchronous
 * calls are deprecated in Electron 45). Where it is unavailable, or on Linux where it would fall back to
 * `basic_text` (a hard-coded key), secrets are kept in memory only and the user is told. A value that no longer
 * decrypts (keyring changed) reads as null: "sign in again".
 */
export interface SecretStore {
  readonly mode: 'encrypted' | 'memory-only'
  /** Why secrets are memory-only, in words for people; null when they are encrypted. */
  readonly notice: AppMessage | null
  /** Base64 ciphertext, or null in memory-only mode (then nothing may be written). */
  seal(plain: string): Promise<string | null>
  open(sealed: string): Promise<string | null>
}

/** Linux backends that are no secret store at all: a fixed key, or none chosen. */
const NOT_A_STORE = new Set(['basic_text', 'unknown'])

const memoryOnly = (notice: AppMessage): SecretStore => ({
  mode: 'memory-only',
  notice,
  seal: async () => null,
  open: async () => null,
})

/**
 * Call after the app is `ready`. Availability first: it initialises the encryptor, and only then does Linux
 * know which backend it chose (before that `getSelectedStorageBackend()` answers `unknown`).
 */
export async function openSecretStore(
  safeStorage: SafeStorageLike | null,
  platform: string,
): Promise<SecretStore> {
  if (!safeStorage) return memoryOnly(say('notice.secrets-session-only'))
  const noStore = memoryOnly(say('notice.secrets-no-store'))
  try {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return noStore
    if (platform === 'linux' && NOT_A_STORE.has(safeStorage.getSelectedStorageBackend())) return noStore
  } catch {
    return noStore
  }
  return {
    mode: 'encrypted',
    notice: null,
    seal: async (plain) => (await safeStorage.encryptStringAsync(plain)).toString('base64'),
    open: async (sealed) => {
      try {
        return (await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'))).result
      } catch {
        return null
      }
    },
  }
}
