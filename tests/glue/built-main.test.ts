/**
 * The BUILT main bundle (out/main/index.cjs), as Electron would load it, against a stand-in
 * `electron`: the bundle evaluates, binds every request, and its bundled ESM-only pieces
 * (aedes, the local broker) run. This is as close to Electron as this machine gets; the real
 * binary cannot be downloaded here. Needs `npm run build` first (`npm test` builds).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { requestChannel, requestNames, type Envelope } from '../../electron/contract';
import { freePort } from '../support/mosquitto';

const BUNDLE = resolve('out/main/index.cjs');

type Handler = (event: { senderFrame: unknown }, input: unknown) => Promise<Envelope<unknown>>;

interface Stub {
  handlers: Map<string, Handler>;
  frame: { parent: null };
  userData: string;
}

/** The smallest `electron` the bundle needs, recording its IPC handlers. */
function makeStub(): { module: Record<string, unknown>; stub: Stub } {
  const stub: Stub = {
    handlers: new Map(),
    frame: { parent: null },
    userData: mkdtempSync(join(tmpdir(), 'mqscope-built-')),
  };
  const windows: unknown[] = [];
  const display = {
    bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  };
  class BrowserWindow {
    static getAllWindows = () => windows;
    webContents = {
      mainFrame: stub.frame,
      on: () => undefined,
      setWindowOpenHandler: () => undefined,
      send: () => undefined,
    };
    constructor() {
      windows.push(this);
    }
    once = () => undefined;
    on = () => undefined;
    maximize = () => undefined;
    loadFile = () => Promise.resolve();
    loadURL = () => Promise.resolve();
    isDestroyed = () => false;
  }
  return {
    stub,
    module: {
      app: {
        getPath: () => stub.userData,
        getVersion: () => '0.0.0-built',
        whenReady: () => Promise.resolve(),
        on: () => undefined,
        quit: () => undefined,
        exit: () => undefined,
        requestSingleInstanceLock: () => true,
        isPackaged: true,
        getLocale: () => 'en-US',
        setAsDefaultProtocolClient: () => true,
      },
      dialog: { showErrorBox: () => undefined, showMessageBox: () => Promise.resolve({ response: 0 }) },
      Menu: {
        buildFromTemplate: (template: unknown[]) => ({ template }),
        setApplicationMenu: () => undefined,
      },
      session: { defaultSession: { on: () => undefined } },
      screen: {
        getAllDisplays: () => [display],
        getPrimaryDisplay: () => display,
        getDisplayMatching: () => display,
      },
      BrowserWindow,
      ipcMain: { handle: (channel: string, handler: Handler) => stub.handlers.set(channel, handler) },
      safeStorage: { isEncryptionAvailable: () => false },
    },
  };
}

describe('the built Electron main bundle', () => {
  const { module: electronStub, stub } = makeStub();
  const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = resolver._resolveFilename;
  const call = (name: string, input: unknown) => {
    const handler = stub.handlers.get(requestChannel(name as (typeof requestNames)[number]));
    if (!handler) throw new Error(`no handler for ${name}`);
    return handler({ senderFrame: stub.frame }, input);
  };

  beforeAll(async () => {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first.`);
    const require = createRequire(import.meta.url);
    const stubPath = join(stub.userData, 'electron-stub.cjs');
    require.cache[stubPath] = {
      id: stubPath,
      filename: stubPath,
      loaded: true,
      exports: electronStub,
    } as never;
    resolver._resolveFilename = function (request: string, ...rest: unknown[]) {
      return request === 'electron' ? stubPath : original.call(this, request, ...rest);
    };
    require(BUNDLE);
    // main binds its handlers once app.whenReady() resolves.
    await vi.waitFor(() => {
      if (stub.handlers.size === 0) throw new Error('no handlers bound yet');
    });
  });

  afterAll(async () => {
    await call('localBroker.stop', {});
    resolver._resolveFilename = original;
  });

  it('binds a handler for every contract request', () => {
    expect([...stub.handlers.keys()].sort()).toEqual(requestNames.map((n) => requestChannel(n)).sort());
  });

  it('answers, stores profiles under userData, and runs the bundled local broker', async () => {
    expect(await call('app.info', {})).toEqual({
      ok: true,
      value: { host: 'electron', version: '0.0.0-built' },
    });
    const profiles = await call('profiles.list', {});
    expect(profiles.ok && JSON.stringify(profiles.value)).toContain(stub.userData);
    const started = await call('localBroker.start', { tcpPort: await freePort(), wsPort: await freePort() });
    expect(started).toMatchObject({ ok: true, value: { state: 'running' } });
  });
});

describe('the built preload bundle', () => {
  it('is one CommonJS file that requires nothing but electron (a sandboxed preload cannot)', () => {
    const code = readFileSync(resolve('out/preload/index.cjs'), 'utf8');
    const required = new Set([...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]));
    expect([...required]).toEqual(['electron']);
  });
});
