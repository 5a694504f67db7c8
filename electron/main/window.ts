import { join } from 'node:path';
import { BrowserWindow, screen, type WebPreferences } from 'electron';
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  placeWindow,
  rememberPlacement,
  saveWindowState,
  type WindowState,
} from './window-state';

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

/** How long moves and resizes settle before the placement is written. */
const SAVE_DELAY_MS = 500;

/**
 * Opens the window where it was last, on a display that is still there, inside its work
 * area; remembers its placement as it moves and when it closes.
 */
export function createMainWindow(dataDir: string, state: { current: WindowState }): BrowserWindow {
  const placed = placeWindow(state.current, screen.getAllDisplays(), screen.getPrimaryDisplay());
  const window = new BrowserWindow({
    ...(placed ? placed.bounds : DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'MQScope',
    backgroundColor: '#1e1e1e',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.cjs')),
  });
  if (placed?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  trackPlacement(window, dataDir, state);
  const location = rendererLocation();
  if ('url' in location) void window.loadURL(location.url);
  else void window.loadFile(location.file);
  return window;
}

function trackPlacement(window: BrowserWindow, dataDir: string, state: { current: WindowState }): void {
  let timer: NodeJS.Timeout | undefined;
  const record = () => {
    clearTimeout(timer);
    if (window.isDestroyed()) return;
    // The normal bounds, so a maximized window un-maximizes to where the user had it.
    const bounds = window.getNormalBounds();
    const display = screen.getDisplayMatching(bounds);
    state.current = rememberPlacement(state.current, display, { ...bounds, maximized: window.isMaximized() });
    saveWindowState(dataDir, state.current).catch((error: unknown) => {
      console.warn(
        `The window placement could not be saved: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(record, SAVE_DELAY_MS);
    timer.unref();
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('close', record);
}
