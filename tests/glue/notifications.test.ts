/**
 * Issue 19 #3 (optional notifications, off by default): Electron main, against the stand-in
 * `electron` and a real Mosquitto, shows a system notification for a watched topic and for a
 * connection that drops, only once the user switched them on and only while the window is in
 * the background; a busy topic notifies once per 30 s, not once per message.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { requestChannel, type ConnectionStatus, type Envelope } from '../../electron/contract';
import { mosquittoAvailable, mosquittoPub, startMosquitto, type MosquittoBroker } from '../support/mosquitto';
import { recorded, type BrowserWindow } from './electron-stand-in';

type Handler = (event: { senderFrame: unknown }, input: unknown) => Promise<Envelope<unknown>>;

let window: BrowserWindow;
let broker: MosquittoBroker;

async function call<T>(name: string, input: unknown): Promise<T> {
  const handler = recorded.handlers.get(requestChannel(name as never)) as Handler | undefined;
  if (!handler) throw new Error(`no handler for ${name}`);
  const answer = await handler({ senderFrame: window.webContents.mainFrame }, input);
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.value as T;
}

function toBackground(): void {
  window.focused = false;
  window.emit('blur');
}

describe.skipIf(!mosquittoAvailable())('desktop notifications (Issue 19 #3)', { timeout: 60_000 }, () => {
  let connectionId = '';
  // The broker restarts under the connection: a real drop, then the client's own reconnect.
  const reconnected = () =>
    vi.waitFor(async () => {
      const list = await call<ConnectionStatus[]>('connection.list', {});
      expect(list.find((c) => c.connectionId === connectionId)?.state).toBe('connected');
    }, 20_000);

  beforeAll(async () => {
    broker = await startMosquitto();
    const main = await import('../../electron/main/index');
    await main.ready;
    const first = recorded.windows[0];
    if (!first) throw new Error('main opened no window');
    window = first;
    const status = await call<ConnectionStatus>('connection.open', {
      transport: 'mqtt',
      host: broker.host,
      port: broker.ports.mqtt,
      username: broker.username,
      password: broker.password,
      reconnect: { maxAttempts: 1000, periodMs: 500 },
    });
    connectionId = status.connectionId;
    await call('subscription.add', { connectionId, filter: 'alarms/#' });
  });

  afterAll(async () => {
    await broker?.stop();
  });

  it('shows nothing while they are off (the default), even in the background', async () => {
    toBackground();
    await mosquittoPub(broker, { topic: 'alarms/door', message: 'open' });
    await broker.restart();
    await reconnected();
    expect(recorded.notifications).toEqual([]);
  });

  it('notifies a watched topic once per 30 s, and a drop, once switched on', async () => {
    window.focused = true;
    await call('settings.save', { notifyOnDrop: true, notifyTopics: ['alarms/+'] });
    toBackground();
    await vi.waitFor(async () => {
      await mosquittoPub(broker, { topic: 'alarms/smoke', message: '{"level":3}' });
      expect(recorded.notifications.length).toBeGreaterThan(0);
    }, 15_000);
    expect(recorded.notifications[0]).toEqual({
      title: 'New message on alarms/+',
      body: 'alarms/smoke\n{"level":3}',
    });
    await mosquittoPub(broker, { topic: 'alarms/smoke', message: 'again' });
    await mosquittoPub(broker, { topic: 'other/x', message: 'not watched' });

    await broker.restart();
    await vi.waitFor(() => expect(recorded.notifications.length).toBe(2), 15_000);
    await reconnected();
    expect(recorded.notifications[1]?.title).toBe(
      `Connection lost: mqtt://${broker.host}:${broker.ports.mqtt}`,
    );
    // The second smoke message came within 30 s of the first: no notification of its own.
    expect(recorded.notifications.filter((n) => n.title.startsWith('New message'))).toHaveLength(1);
  });

  it('shows nothing while the window is in front', async () => {
    window.focused = true;
    const before = recorded.notifications.length;
    await broker.restart();
    await reconnected();
    expect(recorded.notifications.length).toBe(before);
  });
});
