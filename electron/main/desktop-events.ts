/**
 * Pushes the Electron-only contract events (menu commands, deep links, opened files) to the window. A
 * link that starts the app arrives before the page has loaded, when a send would be lost:
 * events wait until the page has finished loading (its preload keeps them until the
 * renderer listens, see electron/preload/index.ts).
 */
import type { BrowserWindow } from 'electron';
import { eventChannel, events, type EventName, type EventPayload } from '../contract';

type DesktopEventName = 'desktop.command' | 'desktop.deepLink' | 'desktop.openFile';

export interface DesktopEvents {
  send<N extends DesktopEventName>(name: N, payload: EventPayload<N>): void;
  /** The window events go to from now on (a new window after the last one was closed). */
  attach(window: BrowserWindow): void;
}

export function createDesktopEvents(): DesktopEvents {
  let target: BrowserWindow | null = null;
  let loaded = false;
  const waiting: { name: EventName; payload: unknown }[] = [];

  const flush = () => {
    if (!target || target.isDestroyed() || !loaded) return;
    for (const { name, payload } of waiting.splice(0)) target.webContents.send(eventChannel(name), payload);
  };

  return {
    send(name, payload) {
      // Checked against the contract here too: nothing malformed crosses to the renderer.
      waiting.push({ name, payload: events[name].parse(payload) });
      flush();
    },
    attach(window) {
      target = window;
      loaded = false;
      window.webContents.on('did-start-loading', () => {
        loaded = false;
      });
      window.webContents.on('did-finish-load', () => {
        loaded = true;
        flush();
      });
      window.on('closed', () => {
        if (target === window) target = null;
      });
    },
  };
}
