/**
 * A stand-in for the `electron` module (vitest aliases `electron` here in the glue
 * project). It runs nothing of Electron: it records what main and preload ask of it —
 * windows and their webPreferences, IPC handlers, listeners — so tests can check the
 * wiring and the security defaults without an Electron binary.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export class FakeWebFrame {
  constructor(
    readonly parent: FakeWebFrame | null = null,
    readonly url = 'file:///app/out/renderer/index.html',
  ) {}
}

export class FakeWebContents extends EventEmitter {
  readonly mainFrame = new FakeWebFrame();
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
}

export const recorded = {
  windows: [] as BrowserWindow[],
  handlers: new Map<string, Listener>(),
  exposed: new Map<string, unknown>(),
  rendererListeners: new Map<string, Set<Listener>>(),
  rendererInvocations: [] as { channel: string; input: unknown }[],
};

const appEvents = new EventEmitter();

export const app = {
  getVersion: () => '0.0.0-glue',
  whenReady: () => Promise.resolve(),
  on(event: string, listener: Listener) {
    appEvents.on(event, listener);
    return app;
  },
  emit: (event: string, ...args: unknown[]) => appEvents.emit(event, ...args),
  quit: () => undefined,
};

export class BrowserWindow extends EventEmitter {
  static getAllWindows(): BrowserWindow[] {
    return recorded.windows.filter((w) => !w.destroyed);
  }

  readonly webContents = new FakeWebContents();
  loaded: string | null = null;
  private destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    recorded.windows.push(this);
    appEvents.emit('web-contents-created', {}, this.webContents);
  }

  loadFile(file: string): Promise<void> {
    this.loaded = file;
    return Promise.resolve();
  }

  loadURL(url: string): Promise<void> {
    this.loaded = url;
    return Promise.resolve();
  }

  show(): void {}

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

export const ipcMain = {
  handle(channel: string, listener: Listener): void {
    if (recorded.handlers.has(channel)) throw new Error(`Second handler for ${channel}`);
    recorded.handlers.set(channel, listener);
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    recorded.exposed.set(key, api);
  },
};

export const ipcRenderer = {
  invoke(channel: string, input: unknown): Promise<unknown> {
    recorded.rendererInvocations.push({ channel, input });
    return Promise.resolve({ ok: true, value: { channel } });
  },
  on(channel: string, listener: Listener): void {
    const set = recorded.rendererListeners.get(channel) ?? new Set<Listener>();
    set.add(listener);
    recorded.rendererListeners.set(channel, set);
  },
  removeListener(channel: string, listener: Listener): void {
    recorded.rendererListeners.get(channel)?.delete(listener);
  },
};
