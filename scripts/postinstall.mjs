// `npm install` on a desktop: fetch Electron's binary now, so `npm start` opens at once.
// Skipped with ELECTRON_SKIP_BINARY_DOWNLOAD=1 (CI, machines without network); never fails the install.
import { downloadElectron, installedElectron } from './electron-binary.mjs';

if (!process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && !installedElectron() && !downloadElectron()) {
  console.warn(
    'MQScope: could not download the Electron binary now; `npm start` will try again (`npm run web` works without it).',
  );
}
