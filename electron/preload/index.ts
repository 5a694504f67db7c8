/**
 * The renderer's only door to the main process: contract calls and event subscriptions.
 * ipcRenderer itself is never exposed, and names outside the contract are refused here
 * as well as in main.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventChannel, isEventName, isRequestName, requestChannel, type MqscopeBridge } from '../contract';

/**
 * Events main sends once, possibly before React has subscribed (a deep link that started
 * the app): kept here until the first listener arrives, then handed to it.
 */
const HELD_EVENTS = ['desktop.command', 'desktop.deepLink', 'desktop.openFile'] as const;
const MAX_HELD = 20;
interface Held {
  payload: unknown[];
  listeners: Set<(payload: never) => void>;
}
const held = new Map<string, Held>();
for (const name of HELD_EVENTS) {
  const entry: Held = { payload: [], listeners: new Set() };
  held.set(name, entry);
  ipcRenderer.on(eventChannel(name), (_event: IpcRendererEvent, payload: unknown) => {
    if (entry.listeners.size === 0 && entry.payload.length < MAX_HELD) entry.payload.push(payload);
  });
}

/**
 * Hands held events to the listeners there are once the caller has its disposer. React's
 * development mode subscribes, unsubscribes and subscribes again at once: the events go to
 * whoever listens by then, and stay held if nobody does.
 */
function release(entry: Held): void {
  queueMicrotask(() => {
    if (entry.listeners.size === 0) return;
    for (const payload of entry.payload.splice(0)) {
      for (const listener of [...entry.listeners]) listener(payload as never);
    }
  });
}

const bridge: MqscopeBridge = {
  invoke(name, input) {
    if (!isRequestName(name)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown-request', message: `There is no request "${String(name)}".` },
      });
    }
    return ipcRenderer.invoke(requestChannel(name), input);
  },
  on(name, listener) {
    if (!isEventName(name)) throw new Error(`There is no event "${String(name)}".`);
    const channel = eventChannel(name);
    // Main sends only this event's payload on this channel (see electron/main/ipc.ts).
    const wrapped = (_event: IpcRendererEvent, payload: Parameters<typeof listener>[0]) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    const entry = held.get(name);
    if (entry) {
      entry.listeners.add(listener);
      if (entry.payload.length > 0) release(entry);
    }
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
      entry?.listeners.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('mqscope', bridge);
