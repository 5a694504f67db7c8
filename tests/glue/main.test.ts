/**
 * Electron main against the stand-in `electron` module: every contract request has a
 * handler, every handler refuses a foreign sender, and the window keeps the security defaults.
 */
import { createServer, type AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  eventChannel,
  requestChannel,
  requestNames,
  type ConnectionStatus,
  type Envelope,
} from '../../electron/contract';
import { type BrowserWindow, FakeWebFrame, app, recorded, type FakeWebContents } from './electron-stand-in';

type Handler = (event: { senderFrame: FakeWebFrame | null }, input: unknown) => Promise<Envelope<unknown>>;

function handler(name: string): Handler {
  const found = recorded.handlers.get(requestChannel(name as (typeof requestNames)[number]));
  if (!found) throw new Error(`no handler for ${name}`);
  return found as Handler;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let window: BrowserWindow;
let ownFrame: FakeWebFrame;

beforeAll(async () => {
  const main = await import('../../electron/main/index');
  await main.ready;
  const first = recorded.windows[0];
  if (!first) throw new Error('main opened no window');
  window = first;
  ownFrame = window.webContents.mainFrame;
});

describe('Electron main glue', () => {
  it('binds exactly one handler per contract request, all under the prefix', () => {
    const expected = requestNames.map((name) => requestChannel(name)).sort();
    expect([...recorded.handlers.keys()].sort()).toEqual(expected);
    for (const channel of recorded.handlers.keys()) expect(channel.startsWith('mqscope:request:')).toBe(true);
  });

  it('opens one window with the security defaults', () => {
    expect(recorded.windows).toHaveLength(1);
    const prefs = window.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
    expect(String(prefs['preload'])).toMatch(/preload[\\/]index\.cjs$/);
    expect(window.loaded).toMatch(/renderer[\\/]index\.html$/);
  });

  it.each(requestNames)('refuses %s from a foreign sender', async (name) => {
    const foreignWindowFrame = new FakeWebFrame();
    const childFrame = new FakeWebFrame(ownFrame);
    for (const senderFrame of [null, foreignWindowFrame, childFrame]) {
      const envelope = await handler(name)({ senderFrame }, {});
      expect(envelope).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
    }
  });

  it('answers our own frame, and validates its input', async () => {
    const info = await handler('app.info')({ senderFrame: ownFrame }, {});
    expect(info).toEqual({ ok: true, value: { host: 'electron', version: '0.0.0-glue' } });
    const bad = await handler('connection.open')({ senderFrame: ownFrame }, { host: '', port: 0 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('invalid-input');
  });

  it('denies navigation and new windows', () => {
    const contents = window.webContents as FakeWebContents;
    let prevented = false;
    contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://example.com/');
    expect(prevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  // Issue 19 #3: a development run keeps Reload and does not claim the mqscope: scheme.
  it('keeps Reload in a development run and registers no link scheme', () => {
    const menu = (recorded.menu?.template ?? []) as {
      role?: string;
      submenu?: { role?: string; enabled?: boolean }[];
    }[];
    const reload = menu.flatMap((m) => m.submenu ?? []).find((i) => i.role === 'reload');
    expect(reload?.enabled).toBe(true);
    expect(recorded.protocolClients).toEqual([]);
  });

  it('forwards engine events to the window until it is closed', async () => {
    const port = await freePort();
    const open = handler('connection.open');
    const result = await open({ senderFrame: ownFrame }, { transport: 'mqtt', host: '127.0.0.1', port });
    expect(result.ok && (result.value as ConnectionStatus).state).toBe('failed');
    const statusChannel = eventChannel('connection.status');
    const states = window.webContents.sent
      .filter((m) => m.channel === statusChannel)
      .map((m) => (m.payload as ConnectionStatus).state);
    expect(states).toEqual(['connecting', 'failed']);

    window.destroy();
    const before = window.webContents.sent.length;
    await open({ senderFrame: ownFrame }, { transport: 'mqtt', host: '127.0.0.1', port });
    expect(window.webContents.sent.length).toBe(before);
  });

  it('closes engine connections before quitting', () => {
    let prevented = false;
    app.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});
