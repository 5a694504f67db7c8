// Whether out/ was built from the sources as they are now: a fingerprint of every source
// file's path, size and mtime, kept in out/.build-stamp after a build. Cheap (no file is
// read), so `npm run web` can start at once when nothing changed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** What a build reads: source folders and the files that configure the build. */
export const SOURCES = [
  'electron',
  'src',
  'package.json',
  'package-lock.json',
  'electron.vite.config.ts',
  'vite.web.config.ts',
  'vite.cli.config.ts',
  'tsconfig.json',
  'tsconfig.base.json',
];
/** What `npm run web` needs from a build. */
export const OUTPUTS = ['out/web/index.js', 'out/renderer/index.html'];
export const STAMP = 'out/.build-stamp';

function* files(path) {
  let info;
  try {
    info = statSync(path);
  } catch {
    return;
  }
  if (info.isDirectory()) {
    for (const name of readdirSync(path).sort()) yield* files(join(path, name));
  } else {
    yield [path, info];
  }
}

export function fingerprint(root) {
  const hash = createHash('sha256');
  for (const source of SOURCES) {
    for (const [path, info] of files(join(root, source))) {
      hash.update(`${relative(root, path)}\0${info.size}\0${info.mtimeMs}\n`);
    }
  }
  return hash.digest('hex');
}

/** True when every output exists and the stamp matches the sources' fingerprint. */
export function buildIsCurrent(root, print = fingerprint(root)) {
  if (!OUTPUTS.every((output) => existsSync(join(root, output)))) return false;
  try {
    return JSON.parse(readFileSync(join(root, STAMP), 'utf8')).fingerprint === print;
  } catch {
    return false;
  }
}

export function writeStamp(root, print) {
  const path = join(root, STAMP);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ fingerprint: print, builtAt: new Date().toISOString() })}\n`);
}
