// Electron's npm package (since v45) fetches its binary on first use rather than at
// install. These helpers find it and fetch it quietly, so that `npm install` gets it on
// a desktop with network, and `npm start` can say in one line what to do when it is absent.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('electron/package.json'));

/** The binary's path, or null when it has not been downloaded. Never downloads. */
export function installedElectron() {
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Runs Electron's own installer with its output captured; true when the binary is there after. */
export function downloadElectron() {
  const result = spawnSync(process.execPath, [join(packageDir, 'install.js')], { encoding: 'utf8' });
  return result.status === 0 && installedElectron() !== null;
}

export const MISSING_ELECTRON =
  'MQScope: the Electron binary is not installed and could not be downloaded. Reinstall with network access (npm install), or use the browser version: npm run web';
