/**
 * Secrets (passwords, key passphrases, pasted private keys) are stored only as the output
 * of a SecretBox. The host chooses the box: Electron's safeStorage, or for the web host
 * AES-256-GCM with a key in a 0600 file beside the profiles.
 */
import { text as say } from '../text/keys';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretProtection } from '../../contract';
import { EngineError } from '../errors';
import { writeFileAtomic, writeFileAtomicSync } from '../fs/atomic-write';

/** What a store knows, at start, about the secrets that may depend on a box's key. */
export interface KeyDependents {
  /** Every ciphertext in the profiles (and in a backup waiting to be restored). */
  ciphers: readonly string[];
  /** The profiles file could not be read: its secrets are unknown. */
  unknownSecrets: boolean;
}

export interface SecretBox {
  readonly protection: SecretProtection;
  /** Ciphertext as text, safe to keep in a JSON file. */
  encrypt(plain: string): string;
  /** Throws EngineError when the ciphertext cannot be opened (other key, damaged text). */
  decrypt(cipher: string): string;
  /** At start: repair what can be repaired safely (a damaged key nothing depends on). */
  prepare?(dependents: KeyDependents): Promise<void>;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PREFIX = 'fk1:';

export const SECRET_KEY_FILE = 'secret.key';

/** AES-256-GCM with a random key kept in `secret.key` (mode 0600) in the data directory. */
export class FileKeySecretBox implements SecretBox {
  private key: Buffer | null = null;
  readonly keyPath: string;
  readonly protection: SecretProtection;

  constructor(dataDir: string) {
    this.keyPath = join(dataDir, SECRET_KEY_FILE);
    this.protection = {
      kind: 'file-key',
      sentence: say('secrets.fileKey', { path: this.keyPath }),
      warning: false,
    };
  }

  /**
   * Created on first use, written atomically (Trust #10: a full disk must not leave a 0-byte
   * key behind), and never replaced while a secret depends on it.
   */
  private loadKey(): Buffer {
    if (this.key) return this.key;
    try {
      // Exclusive: when two writers race, the first complete key wins and both use it.
      writeFileAtomicSync(this.keyPath, randomBytes(KEY_BYTES), { exclusive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new EngineError(
          'internal',
          say('secret.keyNotCreated', { path: this.keyPath, code: code ?? String(error) }),
        );
      }
    }
    const fd = openSync(this.keyPath, 'r');
    try {
      // A key file others can read is no protection: tighten it rather than refuse to work.
      if (process.platform !== 'win32' && (fstatSync(fd).mode & 0o077) !== 0) chmodSync(this.keyPath, 0o600);
    } finally {
      closeSync(fd);
    }
    const key = readFileSync(this.keyPath);
    if (key.length !== KEY_BYTES) {
      throw new EngineError(
        'internal',
        say('secret.keyDamaged', { path: this.keyPath, length: key.length, expected: KEY_BYTES }),
      );
    }
    this.key = key;
    return key;
  }

  /** A key file cut short (0 bytes after a full disk) is replaced when no saved secret needs it. */
  async prepare({ ciphers, unknownSecrets }: KeyDependents): Promise<void> {
    let length: number;
    try {
      length = (await readFile(this.keyPath)).length;
    } catch {
      return; // none yet (made on first use), or unreadable (said when it is used)
    }
    if (length === KEY_BYTES || unknownSecrets || ciphers.some((c) => c.startsWith(PREFIX))) return;
    await writeFileAtomic(this.keyPath, randomBytes(KEY_BYTES));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.loadKey(), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(text: string): string {
    if (!text.startsWith(PREFIX)) {
      throw new EngineError('invalid-input', say('secret.notOurs'));
    }
    const raw = Buffer.from(text.slice(PREFIX.length), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new EngineError('invalid-input', say('secret.damaged'));
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.loadKey(), raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    } catch (error) {
      if (error instanceof EngineError) throw error;
      throw new EngineError('invalid-input', say('secret.wrongKey', { path: this.keyPath }));
    }
  }
}
