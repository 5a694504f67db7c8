import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { eventChannel, requestChannel, requestNames, type Envelope } from '../contract';
import type { Engine } from '../engine';
import type { Dispatch } from '../host/dispatch';

const FOREIGN_SENDER: Envelope<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This request did not come from the MQScope window.' },
};

/**
 * Only our own window's top frame may call the engine: not an iframe, not a page it
 * navigated to (navigation is denied anyway; this is the second lock).
 */
export function isOwnFrame(frame: WebFrameMain | null | undefined, windows: () => BrowserWindow[]): boolean {
  if (!frame || frame.parent !== null) return false;
  return windows().some((w) => !w.isDestroyed() && w.webContents.mainFrame === frame);
}

/** One ipcMain handler per contract request; each checks the sender, then the input. */
export function bindRequests(ipcMain: IpcMain, dispatch: Dispatch, windows: () => BrowserWindow[]): void {
  for (const name of requestNames) {
    ipcMain.handle(requestChannel(name), (event: IpcMainInvokeEvent, input: unknown) =>
      isOwnFrame(event.senderFrame, windows) ? dispatch(name, input) : FOREIGN_SENDER,
    );
  }
}

/** Forwards engine events to one window, and stops when that window is gone. */
export function forwardEvents(engine: Engine, window: BrowserWindow): void {
  const stop = engine.onEvent((event) => {
    if (!window.isDestroyed()) window.webContents.send(eventChannel(event.name), event.payload);
  });
  window.on('closed', stop);
}
