import { join } from 'node:path';
import { BrowserWindow, type WebPreferences } from 'electron';

/** Electron's security checklist, in one place so the glue test can hold us to it. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** Where the renderer comes from: electron-vite's dev server, or the built files. */
export function rendererLocation(): { url: string } | { file: string } {
  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  return devUrl ? { url: devUrl } : { file: join(__dirname, '../renderer/index.html') };
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'MQScope',
    backgroundColor: '#1e1e1e',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.cjs')),
  });
  window.once('ready-to-show', () => window.show());
  const location = rendererLocation();
  if ('url' in location) void window.loadURL(location.url);
  else void window.loadFile(location.file);
  return window;
}
