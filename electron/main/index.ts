/**
 * Electron main: window, lifecycle and the IPC binding. Everything that would work in
 * plain Node lives in the engine; this file only wires it to Electron.
 */
import { BrowserWindow, app, ipcMain, safeStorage } from 'electron';
import { FileKeySecretBox, createEngine } from '../engine';
import { createDispatch } from '../host/dispatch';
import { bindRequests, forwardEvents } from './ipc';
import { createSafeStorageSecretBox } from './safe-storage-box';
import { createMainWindow } from './window';

const dataDir = app.getPath('userData');
const engine = createEngine(
  { host: 'electron', version: app.getVersion() },
  { dataDir, secretBox: createSafeStorageSecretBox(safeStorage, new FileKeySecretBox(dataDir)) },
);
const windows = () => BrowserWindow.getAllWindows();

// Deny navigation and new windows for every web contents, present and future.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

function openWindow(): void {
  forwardEvents(engine, createMainWindow());
}

export const ready = app.whenReady().then(() => {
  bindRequests(ipcMain, createDispatch(engine.handlers), windows);
  openWindow();
  app.on('activate', () => {
    if (windows().length === 0) openWindow();
  });
});

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
