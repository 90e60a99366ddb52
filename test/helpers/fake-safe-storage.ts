import type { SafeStorageLike } from '../../src/main/services/deps'

/** A reversible stand-in for Electron's safeStorage, for tests that need sealed sessions on disk. */
export const fakeSafeStorage: SafeStorageLike = {
  isAsyncEncryptionAvailable: async () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptStringAsync: async (s) =>
    Buffer.from(Buffer.from(s).toString('base64').split('').reverse().join('')),
  decryptStringAsync: async (b) => ({
    shouldReEncrypt: false,
    result: Buffer.from(b.toString().split('').reverse().join(''), 'base64').toString(),
  }),
}
