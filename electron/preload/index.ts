/**
 * The renderer's only door to the main process: contract calls and event subscriptions.
 * ipcRenderer itself is never exposed, and names outside the contract are refused here
 * as well as in main.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { eventChannel, isEventName, isRequestName, requestChannel, type MqscopeBridge } from '../contract';

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
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('mqscope', bridge);
