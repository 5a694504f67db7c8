import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * What is wrong with a data folder the web host could not create or use, in one sentence
 * that names the cause ("is a file, not a folder", "permission denied") instead of the
 * system call that failed.
 */
export async function dataFolderProblem(dir: string, error: unknown): Promise<string> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const fix = 'choose another with --data-dir.';
  const kind = await stat(dir).then(
    (info) => (info.isDirectory() ? 'folder' : 'file'),
    () => 'missing',
  );
  if (kind === 'file') return `The data folder ${dir} is a file, not a folder: ${fix}`;
  if (code === 'ENOTDIR') {
    return `The data folder ${dir} cannot be made: a part of its path (${await firstFile(dir)}) is a file, not a folder: ${fix}`;
  }
  if (code === 'EACCES' || code === 'EPERM') {
    const where = kind === 'folder' ? 'it' : `its parent ${dirname(dir)}`;
    return `The data folder ${dir} cannot be used: permission denied (this user may not write to ${where}): ${fix}`;
  }
  if (code === 'EROFS') return `The data folder ${dir} is on a read-only file system: ${fix}`;
  if (code === 'ENOSPC') return `The data folder ${dir} cannot be made: the disk is full.`;
  const detail = error instanceof Error ? error.message : String(error);
  return `The data folder ${dir} cannot be used (${code ?? detail}): ${fix}`;
}

/** The nearest ancestor of `dir` that exists as a file. */
async function firstFile(dir: string): Promise<string> {
  let path = dir;
  for (let parent = dirname(path); parent !== path; path = parent, parent = dirname(path)) {
    const isFile = await stat(path).then(
      (info) => !info.isDirectory(),
      () => false,
    );
    if (isFile) return path;
  }
  return dir;
}
