/**
 * The preload against the stand-in `electron` module: it exposes only contract calls and
 * event subscriptions (with disposers), never ipcRenderer.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { eventChannel, requestChannel, type MqscopeBridge } from '../../electron/contract';
import { recorded } from './electron-stand-in';

let bridge: MqscopeBridge;

beforeAll(async () => {
  await import('../../electron/preload/index');
  bridge = recorded.exposed.get('mqscope') as MqscopeBridge;
});

describe('preload bridge', () => {
  it('exposes one object with invoke and on, and nothing else', () => {
    expect([...recorded.exposed.keys()]).toEqual(['mqscope']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('sends contract requests on their own channel', async () => {
    await bridge.invoke('connection.list', {});
    expect(recorded.rendererInvocations).toEqual([{ channel: requestChannel('connection.list'), input: {} }]);
  });

  it('refuses names outside the contract without touching IPC', async () => {
    const before = recorded.rendererInvocations.length;
    const invoke = bridge.invoke as (name: string, input: unknown) => Promise<unknown>;
    await expect(invoke('shell.openExternal', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown-request' },
    });
    expect(recorded.rendererInvocations.length).toBe(before);
    const on = bridge.on as (name: string, listener: () => void) => () => void;
    expect(() => on('anything', () => undefined)).toThrow(/no event/);
  });

  it('returns a disposer that removes the event listener', () => {
    const received: unknown[] = [];
    const dispose = bridge.on('connection.status', (status) => received.push(status));
    const listeners = recorded.rendererListeners.get(eventChannel('connection.status'));
    expect(listeners?.size).toBe(1);
    for (const listener of listeners ?? []) listener({}, { state: 'connected' });
    expect(received).toEqual([{ state: 'connected' }]);
    dispose();
    expect(listeners?.size).toBe(0);
  });

  // Issue 19 #3: a deep link that started the app arrives before React listens.
  it('holds desktop events sent before the renderer listens, and hands them to the first listener', async () => {
    const channel = eventChannel('desktop.deepLink');
    const early = { ok: false, problem: 'not-a-url', link: 'x' };
    for (const listener of recorded.rendererListeners.get(channel) ?? []) listener({}, early);
    const received: unknown[] = [];
    const dispose = bridge.on('desktop.deepLink', (event) => received.push(event));
    expect(received).toEqual([]);
    await vi.waitFor(() => expect(received).toEqual([early]));
    // From now on events go straight to the listener, held nowhere.
    const later = { ok: false, problem: 'too-long', link: 'y' };
    for (const listener of recorded.rendererListeners.get(channel) ?? []) listener({}, later);
    expect(received).toEqual([early, later]);
    dispose();
  });

  // Issue 19 #3: React's development mode subscribes, unsubscribes and subscribes again.
  it('gives held events to the listener that remains, not to one already disposed', async () => {
    const channel = eventChannel('desktop.command');
    for (const listener of recorded.rendererListeners.get(channel) ?? [])
      listener({}, { command: 'settings' });
    const first: unknown[] = [];
    const second: unknown[] = [];
    bridge.on('desktop.command', (event) => first.push(event))();
    const dispose = bridge.on('desktop.command', (event) => second.push(event));
    await vi.waitFor(() => expect(second).toEqual([{ command: 'settings' }]));
    expect(first).toEqual([]);
    dispose();
  });
});
