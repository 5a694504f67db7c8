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
const HELD_EVENTS = ['desktop.command', 'desktop.deepLink'] as const;
const MAX_HELD = 20;
const held = new Map<string, { payload: unknown[]; listening: number }>();
for (const name of HELD_EVENTS) {
  const entry = { payload: [] as unknown[], listening: 0 };
  held.set(name, entry);
  ipcRenderer.on(eventChannel(name), (_event: IpcRendererEvent, payload: unknown) => {
    if (entry.listening === 0 && entry.payload.length < MAX_HELD) entry.payload.push(payload);
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
      entry.listening += 1;
      const early = entry.payload.splice(0) as Parameters<typeof listener>[0][];
      // After on() returns, so the caller has its disposer before the first call.
      if (early.length > 0) queueMicrotask(() => early.forEach((payload) => listener(payload)));
    }
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
      if (entry) entry.listening -= 1;
    };
  },
};

contextBridge.exposeInMainWorld('mqscope', bridge);
