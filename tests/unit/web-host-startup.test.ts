// Issue 14 #5: data-folder errors name the cause, and `npm run web` rebuilds only when a
// source changed (the build stamp).
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildIsCurrent, fingerprint, writeStamp } from '../../scripts/build-stamp.mjs';
import { dataFolderProblem } from '../../electron/web/data-folder-words';

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mqscope-stamp-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const errno = (code: string) => Object.assign(new Error(`${code}: mkdir failed`), { code });

describe('data folder problems (Issue 14 #5)', () => {
  it('says permission denied, naming the folder that may not be written', async () => {
    // This machine runs as root, which no mode bars: the error is the one mkdir raises.
    const parent = tempDir();
    const dir = join(parent, 'data');
    expect(await dataFolderProblem(dir, errno('EACCES'))).toBe(
      `The data folder ${dir} cannot be used: permission denied (this user may not write to its parent ${parent}): choose another with --data-dir.`,
    );
    expect(await dataFolderProblem(parent, errno('EPERM'))).toContain(
      'permission denied (this user may not write to it)',
    );
  });

  it('says a read-only file system and names an unknown code', async () => {
    const dir = join(tempDir(), 'data');
    expect(await dataFolderProblem(dir, errno('EROFS'))).toContain('is on a read-only file system');
    expect(await dataFolderProblem(dir, errno('EWEIRD'))).toContain('cannot be used (EWEIRD)');
  });
});

describe('build stamp (Issue 14 #5)', () => {
  function project(): string {
    const root = tempDir();
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, 'out/web'), { recursive: true });
    mkdirSync(join(root, 'out/renderer'), { recursive: true });
    writeFileSync(join(root, 'src/a.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'package.json'), '{}\n');
    writeFileSync(join(root, 'out/web/index.js'), '');
    writeFileSync(join(root, 'out/renderer/index.html'), '');
    return root;
  }

  it('is current after a build stamp, and stale once a source changes', () => {
    const root = project();
    expect(buildIsCurrent(root)).toBe(false);
    writeStamp(root, fingerprint(root));
    expect(buildIsCurrent(root)).toBe(true);

    const later = new Date(Date.now() + 5_000);
    utimesSync(join(root, 'src/a.ts'), later, later);
    expect(buildIsCurrent(root)).toBe(false);
    writeStamp(root, fingerprint(root));
    writeFileSync(join(root, 'src/b.ts'), '');
    expect(buildIsCurrent(root)).toBe(false);
  });

  it('is stale when an output is missing, whatever the stamp says', () => {
    const root = project();
    writeStamp(root, fingerprint(root));
    rmSync(join(root, 'out/renderer/index.html'));
    expect(buildIsCurrent(root)).toBe(false);
  });
});
