/**
 * Electron main: window, lifecycle and the IPC binding. Everything that would work in
 * plain Node lives in the engine; this file only wires it to Electron.
 */
import { BrowserWindow, app, dialog, ipcMain, safeStorage } from 'electron';
import { FileKeySecretBox, createEngine, type Engine } from '../engine';
import { DataFolderBusyError, lockDataFolder, prepareDataFolder } from '../engine/fs/data-folder';
import { createDispatch } from '../host/dispatch';
import { bindRequests, forwardEvents } from './ipc';
import { createSafeStorageSecretBox } from './safe-storage-box';
import { createMainWindow } from './window';

const windows = () => BrowserWindow.getAllWindows();

/** Workspace 13.5: the second instance hands over to the first, which comes to the front. */
function focusFirstWindow(): void {
  const [first] = windows();
  if (!first) return;
  if (first.isMinimized()) first.restore();
  first.show();
  first.focus();
}

/**
 * The data folder is locked too (the same lock as the web host's), so a web host started on
 * it, or an instance with another single-instance scope, cannot save over this one.
 */
async function takeDataFolder(dataDir: string): Promise<boolean> {
  try {
    const warning = await prepareDataFolder(dataDir);
    if (warning) console.warn(warning);
    const lock = await lockDataFolder(dataDir, {
      onCompromised: (error) => console.warn(`The lock on ${dataDir} was lost: ${error.message}`),
    });
    app.on('will-quit', () => void lock.release());
    return true;
  } catch (error) {
    const message =
      error instanceof DataFolderBusyError
        ? `${error.message} Close it first.`
        : `The data folder ${dataDir} could not be used: ${error instanceof Error ? error.message : String(error)}`;
    dialog.showErrorBox('MQScope cannot start', message);
    app.exit(1);
    return false;
  }
}

function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const engine: Engine = createEngine(
    { host: 'electron', version: app.getVersion() },
    { dataDir, secretBox: createSafeStorageSecretBox(safeStorage, new FileKeySecretBox(dataDir)) },
  );

  app.on('second-instance', focusFirstWindow);

  // Deny navigation and new windows for every web contents, present and future.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  const openWindow = (): void => forwardEvents(engine, createMainWindow());

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed) return;
    // Close MQTT connections with a proper DISCONNECT before the process goes.
    event.preventDefault();
    disposed = true;
    void engine.dispose().finally(() => app.quit());
  });

  return app.whenReady().then(async () => {
    if (!(await takeDataFolder(dataDir))) return;
    bindRequests(ipcMain, createDispatch(engine.handlers), windows);
    openWindow();
    app.on('activate', () => {
      if (windows().length === 0) openWindow();
    });
  });
}

/** Resolves once the window is open (or at once in a second instance, which quits). */
export const ready: Promise<void> = app.requestSingleInstanceLock()
  ? start()
  : Promise.resolve().then(() => app.quit());
