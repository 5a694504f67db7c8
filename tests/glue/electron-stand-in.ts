/**
 * A stand-in for the `electron` module (vitest aliases `electron` here in the glue
 * project). It runs nothing of Electron: it records what main and preload ask of it —
 * windows and their webPreferences, IPC handlers, listeners — so tests can check the
 * wiring and the security defaults without an Electron binary.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  /** How often main asked to quit or exit, and the error boxes it showed. */
  quits: 0,
  exits: [] as number[],
  errorBoxes: [] as { title: string; content: string }[],
  /** The application menu main set, as the template it was built from. */
  menu: null as { template: unknown[] } | null,
  messageBoxes: [] as Record<string, unknown>[],
  /** Native file dialogs main showed, with the window they belong to. */
  fileDialogs: [] as { kind: 'save' | 'open'; window: unknown; options: Record<string, unknown> }[],
  protocolClients: [] as string[],
  /** System notifications main showed. */
  notifications: [] as { title: string; body: string }[],
};

/** What requestSingleInstanceLock answers: false plays a second instance (set before main loads). */
export const instanceState = { gotLock: true };

/** What app reports about the build and the machine (set before main loads). */
export const appState = { packaged: false, locale: 'en-US', documents: '/home/user/Documents' };

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface FakeDisplay {
  id: number;
  bounds: Rect;
  workArea: Rect;
}

/** The monitors the stand-in screen reports; tests replace them to play other desks. */
export const screenState: { displays: FakeDisplay[] } = {
  displays: [
    {
      id: 1,
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 27, width: 1920, height: 1053 },
    },
  ],
};

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export const screen = {
  getAllDisplays: () => screenState.displays,
  getPrimaryDisplay: () => screenState.displays[0],
  getDisplayMatching(rect: Rect): FakeDisplay | undefined {
    let best = screenState.displays[0];
    let most = 0;
    for (const display of screenState.displays) {
      const area = overlap(rect, display.bounds);
      if (area > most) [best, most] = [display, area];
    }
    return best;
  },
};

export const Menu = {
  buildFromTemplate: (template: unknown[]) => ({ template }),
  setApplicationMenu(menu: { template: unknown[] } | null): void {
    recorded.menu = menu;
  },
};

/** The default session: main listens to its will-download here. */
export const session = { defaultSession: new EventEmitter() };

const appEvents = new EventEmitter();

/** A fresh userData folder per test file (each file loads its own copy of this module). */
const userData = mkdtempSync(join(tmpdir(), 'mqscope-glue-userdata-'));

export const app = {
  getVersion: () => '0.0.0-glue',
  getPath(name: string): string {
    if (name === 'documents') return appState.documents;
    if (name !== 'userData') throw new Error(`stand-in: getPath("${name}") is not recorded`);
    return userData;
  },
  whenReady: () => Promise.resolve(),
  on(event: string, listener: Listener) {
    appEvents.on(event, listener);
    return app;
  },
  emit: (event: string, ...args: unknown[]) => appEvents.emit(event, ...args),
  quit: () => {
    recorded.quits += 1;
  },
  exit: (code = 0) => {
    recorded.exits.push(code);
  },
  requestSingleInstanceLock: () => instanceState.gotLock,
  get isPackaged() {
    return appState.packaged;
  },
  getLocale: () => appState.locale,
  setAsDefaultProtocolClient(scheme: string): boolean {
    recorded.protocolClients.push(scheme);
    return true;
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    recorded.errorBoxes.push({ title, content });
  },
  showMessageBox(options: Record<string, unknown>): Promise<{ response: number }> {
    recorded.messageBoxes.push(options);
    return Promise.resolve({ response: 0 });
  },
  showSaveDialog(
    window: unknown,
    options: Record<string, unknown>,
  ): Promise<{ canceled: boolean; filePath?: string }> {
    recorded.fileDialogs.push({ kind: 'save', window, options });
    const path = dialogState.answers.shift() ?? null;
    return Promise.resolve(path === null ? { canceled: true } : { canceled: false, filePath: path });
  },
  showOpenDialog(
    window: unknown,
    options: Record<string, unknown>,
  ): Promise<{ canceled: boolean; filePaths: string[] }> {
    recorded.fileDialogs.push({ kind: 'open', window, options });
    const path = dialogState.answers.shift() ?? null;
    return Promise.resolve(
      path === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [path] },
    );
  },
};

/** What the next file dialogs answer, in order: a path, or null for Cancel (the default). */
export const dialogState = { answers: [] as (string | null)[] };

export class BrowserWindow extends EventEmitter {
  static getAllWindows(): BrowserWindow[] {
    return recorded.windows.filter((w) => !w.destroyed);
  }

  readonly webContents = new FakeWebContents();
  loaded: string | null = null;
  /** Focus and restore calls, in order (a second instance brings the first to the front). */
  readonly focusCalls: string[] = [];
  minimized = false;
  maximized = false;
  /** Whether the window has the keyboard focus; tests send it to the background with `blur`. */
  focused = true;
  visible = true;
  /** Where the window is (not maximized); tests move it as a user would. */
  normalBounds: Rect;
  private destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    const number = (key: string, fallback: number) =>
      typeof options[key] === 'number' ? (options[key] as number) : fallback;
    this.normalBounds = {
      x: number('x', 100),
      y: number('y', 100),
      width: number('width', 800),
      height: number('height', 600),
    };
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

  show(): void {
    this.focusCalls.push('show');
  }

  focus(): void {
    this.focusCalls.push('focus');
  }

  getNormalBounds(): Rect {
    return { ...this.normalBounds };
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  maximize(): void {
    this.maximized = true;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isFocused(): boolean {
    return this.focused;
  }

  isVisible(): boolean {
    return this.visible;
  }

  restore(): void {
    this.minimized = false;
    this.focusCalls.push('restore');
  }

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

type StorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/** What the stand-in's safeStorage reports; tests change it to play other machines. */
export const safeStorageState = { available: true, backend: 'gnome_libsecret' as StorageBackend };

/** Reversible but not plain: enough to show the bytes on disk went through safeStorage. */
function scramble(bytes: Buffer): Buffer {
  return Buffer.from(bytes.map((b) => b ^ 0x5a));
}

export const safeStorage = {
  isEncryptionAvailable: () => safeStorageState.available,
  getSelectedStorageBackend: () => safeStorageState.backend,
  encryptString(plain: string): Buffer {
    if (!safeStorageState.available) throw new Error('stand-in: encryption is not available');
    return Buffer.concat([Buffer.from('SS'), scramble(Buffer.from(plain, 'utf8'))]);
  },
  decryptString(encrypted: Buffer): string {
    if (encrypted.subarray(0, 2).toString() !== 'SS') throw new Error('stand-in: not ours');
    return scramble(encrypted.subarray(2)).toString('utf8');
  },
};

/** Electron's Notification: records what would have been shown. */
export class Notification {
  static isSupported(): boolean {
    return true;
  }

  constructor(private readonly options: { title: string; body: string }) {}

  show(): void {
    recorded.notifications.push({ title: this.options.title, body: this.options.body });
  }
}
