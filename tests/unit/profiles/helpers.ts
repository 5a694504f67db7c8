import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProfileOptions } from '../../../electron/contract';
import { ProfileOptionsSchema } from '../../../electron/contract';

export function tempDataDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'mqscope-profiles-')), 'data');
}

/** Every file under a folder, with its bytes (for "no secret on disk" checks). */
export function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push({ path, bytes: readFileSync(path) });
  }
  return out;
}

export function options(overrides: Partial<ProfileOptions> = {}) {
  return ProfileOptionsSchema.parse({ transport: 'mqtt', host: 'broker.local', port: 1883, ...overrides });
}
