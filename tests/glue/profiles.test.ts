/**
 * Electron main's profile wiring against the stand-in: profiles live in userData, secrets
 * go through safeStorage (never plain on disk), and a Linux basic_text backend is called
 * what it is. The real safeStorage needs a real Electron, which this machine lacks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { englishOf } from '../support/english';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  requestChannel,
  type Envelope,
  type ProfileList,
  type ProfileView,
  type RequestName,
} from '../../electron/contract';
import { app, recorded, safeStorageState, type FakeWebFrame } from './electron-stand-in';

type Handler = (event: { senderFrame: FakeWebFrame | null }, input: unknown) => Promise<Envelope<unknown>>;

let ownFrame: FakeWebFrame;

async function call<T>(name: RequestName, input: unknown): Promise<T> {
  const handler = recorded.handlers.get(requestChannel(name)) as Handler | undefined;
  if (!handler) throw new Error(`no handler for ${name}`);
  const envelope = await handler({ senderFrame: ownFrame }, input);
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
  return envelope.value as T;
}

beforeAll(async () => {
  const main = await import('../../electron/main/index');
  await main.ready;
  const window = recorded.windows[0];
  if (!window) throw new Error('main opened no window');
  ownFrame = window.webContents.mainFrame;
});

describe('Electron main: profiles and safeStorage', () => {
  it('has a handler for every profile request', () => {
    for (const name of [
      'list',
      'save',
      'duplicate',
      'delete',
      'undoDelete',
      'reorder',
      'restoreBackup',
      'connect',
      'export',
      'import',
      'importMqttx',
      'parseMqttjs',
      'toMqttjs',
    ]) {
      expect(recorded.handlers.has(requestChannel(`profiles.${name}` as RequestName)), name).toBe(true);
    }
  });

  it('says secrets are protected by the keyring when safeStorage has one', async () => {
    safeStorageState.available = true;
    safeStorageState.backend = 'gnome_libsecret';
    const list = await call<ProfileList>('profiles.list', {});
    expect(list.protection).toMatchObject({ kind: 'safeStorage', warning: false });
  });

  it.runIf(process.platform === 'linux')(
    'warns plainly when safeStorage only has basic_text (Linux)',
    async () => {
      safeStorageState.backend = 'basic_text';
      const list = await call<ProfileList>('profiles.list', {});
      expect(list.protection.kind).toBe('safeStorage-basic-text');
      expect(list.protection.warning).toBe(true);
      expect(englishOf(list.protection.sentence)).toMatch(/only obfuscated/);
      safeStorageState.backend = 'gnome_libsecret';
    },
  );

  it('stores secrets through safeStorage in userData, never in plain text', async () => {
    const saved = await call<ProfileView>('profiles.save', {
      name: 'Desktop',
      options: { transport: 'mqtt', host: '127.0.0.1', port: 1883 },
      secrets: { password: 'glue-password-42' },
    });
    expect(saved.secrets.password).toBe(true);
    const dir = app.getPath('userData');
    const text = readFileSync(join(dir, 'profiles.json'), 'utf8');
    expect(text).toMatch(/"password": "ss1:/);
    // Files only: userData also holds the data-folder lock (a folder).
    for (const name of readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile())) {
      expect(readFileSync(join(dir, name)).includes(Buffer.from('glue-password-42')), name).toBe(false);
    }
  });

  it('falls back to a key file when safeStorage cannot encrypt, and says so', async () => {
    safeStorageState.available = false;
    const list = await call<ProfileList>('profiles.list', {});
    expect(list.protection.kind).toBe('file-key');
    expect(englishOf(list.protection.sentence)).toMatch(/keyring is not available/);
    await call<ProfileView>('profiles.save', {
      name: 'No keyring',
      options: { transport: 'mqtt', host: '127.0.0.1', port: 1883 },
      secrets: { password: 'fallback-password-7' },
    });
    const dir = app.getPath('userData');
    expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).toMatch(/"password": "fk1:/);
    expect(readdirSync(dir)).toContain('secret.key');
    safeStorageState.available = true;
  });
});
