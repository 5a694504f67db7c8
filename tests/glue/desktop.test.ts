/**
 * Issue 19 #3, #4: Electron main's desktop behaviour against the stand-in `electron`, as an
 * installed (packaged) build: the menu, commands and deep links as contract events, the
 * remembered window placement, native save dialogs and the About box. Nothing here runs
 * Electron itself.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eventChannel, requestChannel, type Envelope } from '../../electron/contract';
import { WINDOW_STATE_FILE, parseWindowState } from '../../electron/main/window-state';
import { headerLine, messageLine } from '../../electron/engine/record/format';
import {
  app,
  appState,
  dialogState,
  recorded,
  screenState,
  session,
  type BrowserWindow,
} from './electron-stand-in';

interface MenuItem {
  id?: string;
  role?: string;
  label?: string;
  accelerator?: string;
  enabled?: boolean;
  registerAccelerator?: boolean;
  submenu?: MenuItem[];
  click?: () => void;
}

let window: BrowserWindow;
const userData = app.getPath('userData');
const display = screenState.displays[0];

function items(): MenuItem[] {
  const walk = (list: MenuItem[]): MenuItem[] => list.flatMap((i) => [i, ...walk(i.submenu ?? [])]);
  return walk((recorded.menu?.template ?? []) as MenuItem[]);
}

function item(match: (i: MenuItem) => boolean): MenuItem {
  const found = items().find(match);
  if (!found) throw new Error('no such menu item');
  return found;
}

const sentOn = (name: 'desktop.command' | 'desktop.deepLink' | 'desktop.openFile') =>
  window.webContents.sent.filter((s) => s.channel === eventChannel(name)).map((s) => s.payload);

beforeAll(async () => {
  appState.packaged = true;
  // Last time the window was maximized on this display, and partly off its right edge.
  const key = `${display?.bounds.width}x${display?.bounds.height}+0+0`;
  writeFileSync(
    join(userData, WINDOW_STATE_FILE),
    JSON.stringify({
      version: 1,
      lastDisplay: key,
      displays: { [key]: { x: 1500, y: 200, width: 1000, height: 700, maximized: true } },
    }),
  );
  const main = await import('../../electron/main/index');
  await main.ready;
  const first = recorded.windows[0];
  if (!first) throw new Error('main opened no window');
  window = first;
});

describe('the application menu (Issue 19 #3)', () => {
  it('has the platform roles and the MQScope commands with accelerators', () => {
    const roles = items().map((i) => i.role);
    expect(roles).toEqual(expect.arrayContaining(['editMenu', 'windowMenu', 'help', 'togglefullscreen']));
    const commands = Object.fromEntries(
      items()
        .filter((i) => i.id)
        .map((i) => [i.id, i.accelerator]),
    );
    expect(commands).toEqual({
      'new-connection': 'CmdOrCtrl+N',
      'toggle-connection': 'CmdOrCtrl+Shift+D',
      publish: 'CmdOrCtrl+Enter',
      'toggle-packets': 'CmdOrCtrl+J',
      settings: 'CmdOrCtrl+,',
    });
  });

  it('leaves Ctrl/Cmd+Enter to the publish panel, which already publishes with it', () => {
    expect(item((i) => i.id === 'publish')).toMatchObject({ registerAccelerator: false });
    expect(item((i) => i.id === 'new-connection')).toMatchObject({ registerAccelerator: true });
  });

  it('disables Reload, Force Reload and the developer tools in an installed build', () => {
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(item((i) => i.role === role).enabled).toBe(false);
    }
  });

  it('holds commands until the page has loaded, then sends them as contract events', () => {
    item((i) => i.id === 'publish').click?.();
    expect(sentOn('desktop.command')).toEqual([]);
    window.webContents.emit('did-start-loading');
    window.webContents.emit('did-finish-load');
    expect(sentOn('desktop.command')).toEqual([{ command: 'publish' }]);
    item((i) => i.id === 'toggle-packets').click?.();
    expect(sentOn('desktop.command')).toEqual([{ command: 'publish' }, { command: 'toggle-packets' }]);
  });
});

describe('deep links through the single-instance lock (Issue 19 #3)', () => {
  it('registers the mqscope scheme in an installed build', () => {
    expect(recorded.protocolClients).toEqual(['mqscope']);
  });

  it('opens a draft from a second instance, brings the window forward, and connects nothing', async () => {
    window.minimized = true;
    app.emit(
      'second-instance',
      {},
      ['/opt/MQScope/mqscope', '--flag', 'mqscope://connect?url=mqtt://broker.local:1884'],
      '/',
    );
    expect(window.minimized).toBe(false);
    expect(sentOn('desktop.deepLink').at(-1)).toEqual({
      ok: true,
      draft: { transport: 'mqtt', host: 'broker.local', port: 1884, path: '', username: '' },
    });
    const handler = recorded.handlers.get(requestChannel('connection.list')) as (
      e: { senderFrame: unknown },
      i: unknown,
    ) => Promise<Envelope<unknown[]>>;
    expect(await handler({ senderFrame: window.webContents.mainFrame }, {})).toEqual({ ok: true, value: [] });
  });

  it('refuses a bad link with its reason (macOS open-url)', () => {
    const event = { prevented: false, preventDefault: () => (event.prevented = true) };
    app.emit('open-url', event, 'mqscope://connect?url=mqtt://user:pw@h');
    expect(event.prevented).toBe(true);
    expect(sentOn('desktop.deepLink').at(-1)).toEqual({
      ok: false,
      problem: 'has-password',
      link: 'mqscope://connect?url=mqtt://user:pw@h',
    });
  });
});

describe('opening associated files (Issue 19 #1)', () => {
  const sentFiles = () => sentOn('desktop.openFile');
  const folder = mkdtempSync(join(tmpdir(), 'mqscope-opened-'));

  it('shows an export passed to a second instance (a relative path from its folder), imports nothing', async () => {
    const text = JSON.stringify({ format: 'mqscope-profiles', version: 1, profiles: [] });
    writeFileSync(join(folder, 'office.mqscope.json'), text);
    const before = sentFiles().length;
    app.emit(
      'second-instance',
      {},
      ['/opt/MQScope/mqscope', '--flag', 'office.mqscope.json', 'notes.txt'],
      folder,
    );
    await vi.waitFor(() => expect(sentFiles()).toHaveLength(before + 1));
    expect(sentFiles().at(-1)).toEqual({ kind: 'export', name: 'office.mqscope.json', text });
    const handler = recorded.handlers.get(requestChannel('profiles.list')) as (
      e: { senderFrame: unknown },
      i: unknown,
    ) => Promise<Envelope<{ profiles: unknown[] }>>;
    const listed = await handler({ senderFrame: window.webContents.mainFrame }, {});
    expect(listed.ok && listed.value.profiles).toEqual([]);
  });

  it('offers a recording by its path (macOS open-file)', async () => {
    const path = join(folder, 'bug.mqscope-rec.jsonl');
    writeFileSync(path, '');
    const event = { prevented: false, preventDefault: () => (event.prevented = true) };
    const before = sentFiles().length;
    app.emit('open-file', event, path);
    expect(event.prevented).toBe(true);
    await vi.waitFor(() => expect(sentFiles()).toHaveLength(before + 1));
    expect(sentFiles().at(-1)).toEqual({ kind: 'recording', name: 'bug.mqscope-rec.jsonl', path });
  });

  it.each([
    ['missing.mqscope.json', 'unreadable', () => undefined],
    ['folder.mqscope.json', 'not-a-file', (p: string) => mkdirSync(p)],
    ['latin1.mqscope.json', 'not-utf8', (p: string) => writeFileSync(p, Buffer.from([0x7b, 0xe9, 0x7d]))],
  ])('refuses %s with its reason (%s)', async (name, problem, make) => {
    make(join(folder, name));
    const before = sentFiles().length;
    app.emit('second-instance', {}, ['/opt/MQScope/mqscope', name], folder);
    await vi.waitFor(() => expect(sentFiles()).toHaveLength(before + 1));
    expect(sentFiles().at(-1)).toEqual({ kind: 'refused', name, problem });
  });
});

describe('window placement (Issue 19 #3)', () => {
  it('restores the size inside the work area, and the maximized state', () => {
    const area = display?.workArea ?? { x: 0, y: 0, width: 0, height: 0 };
    expect(window.options).toMatchObject({ width: 1000, height: 700, x: area.x + area.width - 1000, y: 200 });
    expect(window.isMaximized()).toBe(true);
  });

  it('writes the placement to the data folder when the window closes', async () => {
    window.maximized = false;
    window.normalBounds = { x: 40, y: 60, width: 1100, height: 750 };
    window.emit('close');
    await vi.waitFor(
      () => {
        const state = parseWindowState(readFileSync(join(userData, WINDOW_STATE_FILE), 'utf8'));
        const key = state.lastDisplay ?? '';
        expect(state.displays.get(key)).toEqual({ x: 40, y: 60, width: 1100, height: 750, maximized: false });
      },
      { timeout: 5000 },
    );
  });
});

describe('a window reopened in the same run (macOS) (Issue 19 #3)', () => {
  it('opens where the last one closed, and receives desktop events', async () => {
    window.destroy();
    app.emit('activate');
    await vi.waitFor(() => expect(recorded.windows).toHaveLength(2));
    const reopened = recorded.windows[1] as BrowserWindow;
    expect(reopened.options).toMatchObject({ x: 40, y: 60, width: 1100, height: 750 });
    expect(reopened.isMaximized()).toBe(false);
    reopened.webContents.emit('did-finish-load');
    item((i) => i.id === 'settings').click?.();
    expect(reopened.webContents.sent.filter((m) => m.channel === eventChannel('desktop.command'))).toEqual([
      { channel: eventChannel('desktop.command'), payload: { command: 'settings' } },
    ]);
  });
});

describe('native save dialogs (Issue 19 #3)', () => {
  it('gives every download a save dialog in Documents with a fitting filter', () => {
    const options: unknown[] = [];
    const download = (name: string) => ({
      getFilename: () => name,
      setSaveDialogOptions: (o: unknown) => options.push(o),
    });
    session.defaultSession.emit('will-download', {}, download('office.mqscope.json'));
    session.defaultSession.emit('will-download', {}, download('packets-1.jsonl'));
    expect(options).toEqual([
      expect.objectContaining({
        defaultPath: join(appState.documents, 'office.mqscope.json'),
        filters: [
          { name: 'MQScope export', extensions: ['json'] },
          { name: 'All files', extensions: ['*'] },
        ],
      }),
      expect.objectContaining({
        defaultPath: join(appState.documents, 'packets-1.jsonl'),
        filters: [
          { name: 'JSON Lines', extensions: ['jsonl'] },
          { name: 'All files', extensions: ['*'] },
        ],
      }),
    ]);
  });
});

describe('About (Issue 19 #4)', () => {
  it('shows the version and where a newer one comes from, without an update server', () => {
    item((i) => i.role === 'help').submenu?.[0]?.click?.();
    const box = recorded.messageBoxes.at(-1);
    expect(String(box?.['detail'])).toContain('MQScope 0.0.0-glue');
    expect(String(box?.['detail'])).toMatch(/does not update itself.*npm run dist/s);
  });
});

describe('native file dialogs for recordings (Issue 19 #3)', () => {
  type Invoke = (e: { senderFrame: unknown }, input: unknown) => Promise<Envelope<unknown>>;
  const invoke = (name: 'desktop.chooseFile' | 'record.open', input: unknown) => {
    const handler = recorded.handlers.get(requestChannel(name)) as Invoke | undefined;
    if (!handler) throw new Error(`no handler for ${name}`);
    return handler({ senderFrame: open().webContents.mainFrame }, input);
  };
  // Earlier tests close the first window and reopen one (macOS activate): use the open one.
  const open = () => {
    const found = recorded.windows.find((w) => !w.isDestroyed());
    if (!found) throw new Error('no open window');
    return found;
  };

  it('asks where to record with a save dialog on the window, in Documents, without promising an overwrite', async () => {
    const chosen = join(mkdtempSync(join(tmpdir(), 'mqscope-glue-rec-')), 'bench.mqscope-rec.jsonl');
    dialogState.answers.push(chosen, null);
    const suggestedName = 'mqscope-2026-12-03-10-00-00.mqscope-rec.jsonl';
    expect(await invoke('desktop.chooseFile', { purpose: 'save-recording', suggestedName })).toEqual({
      ok: true,
      value: { path: chosen },
    });
    const shown = recorded.fileDialogs.at(-1);
    expect(shown?.kind).toBe('save');
    expect(shown?.window).toBe(open());
    expect(shown?.options).toMatchObject({
      defaultPath: join(appState.documents, suggestedName),
      filters: [
        { name: 'MQScope recording', extensions: ['jsonl'] },
        { name: 'All files', extensions: ['*'] },
      ],
      properties: ['createDirectory'],
    });
    // Cancel is an answer too: no path, no error.
    expect(await invoke('desktop.chooseFile', { purpose: 'save-recording', suggestedName })).toEqual({
      ok: true,
      value: { path: null },
    });
    // A name with a folder in it is refused at the boundary, before any dialog shows.
    const before = recorded.fileDialogs.length;
    const refused = await invoke('desktop.chooseFile', {
      purpose: 'save-recording',
      suggestedName: '../x.jsonl',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(recorded.fileDialogs.length).toBe(before);
  });

  it('opens a recording from anywhere with an open dialog, and the engine reads it where it lies', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mqscope-glue-open-')), 'field.mqscope-rec.jsonl');
    const header = {
      startedAt: 1_000,
      broker: 'mqtt://h:1883',
      clientId: 'c',
      filter: null,
      includeSent: false,
    };
    const message = {
      topic: 'a',
      payload: new TextEncoder().encode('1'),
      qos: 0 as const,
      retain: false,
      receivedAt: 1_200,
      size: 1,
    };
    writeFileSync(path, `${headerLine(header)}\n${messageLine(message, 'in')}\n`);
    dialogState.answers.push(path);
    const chosen = await invoke('desktop.chooseFile', { purpose: 'open-recording' });
    expect(chosen).toEqual({ ok: true, value: { path } });
    const shown = recorded.fileDialogs.at(-1);
    expect(shown?.kind).toBe('open');
    expect(shown?.window).toBe(open());
    expect(shown?.options).toMatchObject({ properties: ['openFile'] });
    expect(await invoke('record.open', { path })).toMatchObject({ ok: true, value: { path, count: 1 } });
  });
});
