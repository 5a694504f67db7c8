/**
 * Secrets in the desktop app: Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet).
 * Where safeStorage cannot encrypt at all, the web host's key-file box takes over, and the
 * UI says so. Each ciphertext carries its box's prefix, so either can still be opened later.
 */
import { text as say } from '../engine/text/keys';
import type { SafeStorage } from 'electron';
import type { SecretProtection } from '../contract';
import type { SecretBox } from '../engine';
import { EngineError } from '../engine/errors';

const PREFIX = 'ss1:';

type SafeStorageApi = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

const BASIC_TEXT: SecretProtection = {
  kind: 'safeStorage-basic-text',
  sentence: say('secrets.basicText'),
  warning: true,
};

const KEYRING: SecretProtection = {
  kind: 'safeStorage',
  sentence: say('secrets.keyring'),
  warning: false,
};

export function createSafeStorageSecretBox(
  safeStorage: SafeStorageApi,
  fallback: SecretBox,
  platform: NodeJS.Platform = process.platform,
): SecretBox {
  // safeStorage answers only once the app is ready, so every question is asked when it is used.
  const available = () => safeStorage.isEncryptionAvailable();
  return {
    get protection(): SecretProtection {
      if (!available()) {
        return {
          ...fallback.protection,
          sentence: say('secrets.noKeyring', {
            ...fallback.protection.sentence.params,
            fallbackKey: fallback.protection.sentence.key,
          }),
        };
      }
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return BASIC_TEXT;
      return KEYRING;
    },
    encrypt(plain: string): string {
      if (!available()) return fallback.encrypt(plain);
      return PREFIX + safeStorage.encryptString(plain).toString('base64');
    },
    // The key file behind the fallback's secrets is the fallback's to repair.
    prepare: async (dependents) => fallback.prepare?.(dependents),
    decrypt(text: string): string {
      if (!text.startsWith(PREFIX)) return fallback.decrypt(text);
      if (!available()) {
        throw new EngineError('invalid-input', say('secret.keyringUnavailable'));
      }
      try {
        return safeStorage.decryptString(Buffer.from(text.slice(PREFIX.length), 'base64'));
      } catch {
        throw new EngineError('invalid-input', say('secret.keyringFailed'));
      }
    },
  };
}
