// The desktop key store: the school's secret key sealed with the OS keyring
// through Electron's safeStorage (DPAPI, Keychain, libsecret/kwallet).
// On Linux without a keyring Electron falls back to 'basic_text', which is
// obfuscation, not encryption: the vault then asks the user before storing a key.
import { safeStorage } from 'electron';
import type { SeedSealer } from '../keys/keyVault';

export function createSafeStorageSealer(): SeedSealer {
  return {
    kind: 'electron-safeStorage',
    weakness: () =>
      process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text' ? 'basic_text' : null,
    seal: (secret) => {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('safeStorage is not available');
      // safeStorage takes strings; the secret is minisign key-file text, so base64 keeps it byte-exact.
      return new Uint8Array(safeStorage.encryptString(Buffer.from(secret).toString('base64')));
    },
    unseal: (sealed) => new Uint8Array(Buffer.from(safeStorage.decryptString(Buffer.from(sealed)), 'base64')),
  };
}
