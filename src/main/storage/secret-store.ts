import type { SafeStorageLike } from '../services/deps'

/**
 * Session tokens at rest go only through Electron's safeStorage. Where it is unavailable, or on Linux where it
 * would fall back to `basic_text` (a hard-coded key), secrets are kept in memory only and the user is told.
 * A value that no longer decrypts (keyring changed) reads as null: "sign in again".
 */
export interface SecretStore {
  readonly mode: 'encrypted' | 'memory-only'
  /** Why secrets are memory-only, in words for people; null when they are encrypted. */
  readonly notice: string | null
  /** Base64 ciphertext, or null in memory-only mode (then nothing may be written). */
  seal(plain: string): string | null
  open(sealed: string): string | null
}

export function createSecretStore(safeStorage: SafeStorageLike | null): SecretStore {
  const backend = safeStorage?.getSelectedStorageBackend?.()
  const available = (() => {
    try {
      return (
        !!safeStorage &&
        safeStorage.isEncryptionAvailable() &&
        backend !== 'basic_text' &&
        backend !== 'unknown'
      )
    } catch {
      return false
    }
  })()
  if (!safeStorage || !available) {
    return {
      mode: 'memory-only',
      notice: safeStorage
        ? 'This computer offers no secure place to keep your sign-ins, so you stay signed in only while Account Desk is open.'
        : 'Sign-ins are kept only while this session runs.',
      seal: () => null,
      open: () => null,
    }
  }
  return {
    mode: 'encrypted',
    notice: null,
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => {
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'))
      } catch {
        return null
      }
    },
  }
}
