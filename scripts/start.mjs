// `npm start`: build and open the desktop app. Without an Electron binary, try to fetch
// it once; if that fails, one clear line says what to do instead of a stack trace.
import { spawn } from 'node:child_process';
import { MISSING_ELECTRON, downloadElectron, installedElectron } from './electron-binary.mjs';

if (!installedElectron() && !downloadElectron()) {
  console.error(MISSING_ELECTRON);
  process.exit(1);
}

const child = spawn('npx', ['electron-vite', 'preview', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
