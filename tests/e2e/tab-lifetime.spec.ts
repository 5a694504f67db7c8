/**
 * Tab lifetime (Trust #16, #17): a page that goes away leaves its connections in the host;
 * the next page lists and adopts them with their subscriptions, packets and messages, and
 * disconnecting + removing one frees its log in the engine.
 */
import { decode, encode } from '@msgpack/msgpack';
import WebSocket from 'ws';
import type { StreamMemory } from '../../electron/contract';
import { WEB_SOCKET_PATH, type ServerFrame } from '../../electron/contract/web-wire';
import { mosquittoPub } from '../support/mosquitto';
import { expect, requireMosquitto, test } from './fixtures';
import { MainPage } from './main-page';

requireMosquitto();

/** Asks the engine itself, over the host's WebSocket, what the message logs keep. */
async function engineMemory(pageUrl: string): Promise<StreamMemory> {
  const url = new URL(pageUrl);
  const ws = new WebSocket(
    `ws://${url.host}${WEB_SOCKET_PATH}?token=${url.searchParams.get('token') ?? ''}`,
    { headers: { Origin: url.origin } },
  );
  try {
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const answer = new Promise<ServerFrame>((resolve) =>
      ws.on('message', (data: Buffer) => {
        const frame = decode(data) as ServerFrame;
        if (frame.kind === 'response' && frame.id === 1) resolve(frame);
      }),
    );
    ws.send(encode({ kind: 'request', id: 1, name: 'stream.memory', input: {} }));
    const frame = await answer;
    if (frame.kind !== 'response' || !frame.envelope.ok) throw new Error('stream.memory failed');
    return frame.envelope.value as StreamMemory;
  } finally {
    ws.close();
  }
}

test('close the page and open another: the connection is listed and adoptable, and removing it frees its log', async ({
  app,
  broker,
}, testInfo) => {
  const clientId = `e2e-tab-${testInfo.workerIndex}-${Date.now()}`;
  const root = `tab${testInfo.workerIndex}x${Date.now()}`;
  await app.connectTo(broker, { clientId });
  await app.subscribe(`${root}/#`);
  await mosquittoPub(broker, { topic: `${root}/kitchen`, message: 'before the tab closed', qos: 1 });
  await expect(app.message(`${root}/kitchen`, 'before the tab closed')).toBeVisible();
  const url = app.page.url();

  // Trust #16: the tab goes; the connection keeps running in the host.
  const context = app.page.context();
  await app.page.close();
  await mosquittoPub(broker, { topic: `${root}/hall`, message: 'while no tab was open', qos: 1 });
  const next = new MainPage(await context.newPage());
  await next.open(url);

  const item = next.openConnections.getByRole('listitem').filter({ hasText: clientId });
  await expect(item).toHaveCount(1);
  await expect(item.getByRole('button', { name: clientId })).toHaveAttribute('aria-current', 'true');
  await expect(next.status).toContainText('Connected');
  await expect(next.status).toContainText(clientId);
  await expect(next.subscription(`${root}/#`)).toContainText('QoS 0');
  await expect(next.message(`${root}/kitchen`, 'before the tab closed')).toBeVisible();
  await expect(next.message(`${root}/hall`, 'while no tab was open')).toBeVisible();
  await next.page.getByRole('button', { name: 'Packets', exact: true }).click();
  const packets = next.page.getByRole('listbox', { name: 'Packets' });
  await expect(packets.getByRole('option').filter({ hasText: `${root}/#` })).not.toHaveCount(0);
  // The page shows the engine's shared budget, and this connection's share of it.
  await expect(next.page.getByRole('status', { name: 'Message memory' })).toContainText(
    'of 512.0 MB for all connections',
  );

  // The host is this test's own: its one connection holds both messages.
  const kept = await engineMemory(url);
  expect(kept.connections).toHaveLength(1);
  const share = kept.connections[0];
  expect(share).toMatchObject({ count: 2 });
  expect(share?.bytes).toBeGreaterThan(0);
  expect(kept.used).toBe(share?.bytes);

  // Trust #17: disconnect keeps the log for inspection; remove frees it.
  await next.page.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(next.status).toContainText('Disconnected');
  await expect.poll(() => broker.log()).toContain(`Client ${clientId} disconnected.`);
  await expect(next.message(`${root}/hall`, 'while no tab was open')).toBeVisible();
  expect((await engineMemory(url)).used).toBe(kept.used);

  // A second tab open at the same time adopts it too, and hears of its removal.
  const other = new MainPage(await context.newPage());
  await other.open(url);
  await expect(other.openConnections.getByRole('listitem').filter({ hasText: clientId })).toHaveCount(1);

  await item.getByRole('button', { name: `Remove ${clientId}` }).click();
  await expect(next.openConnections).toHaveCount(0);
  await expect(next.status).toContainText('Not connected');
  await expect(other.openConnections).toHaveCount(0);
  await expect(other.status).toContainText('Not connected');
  await expect
    .poll(async () => {
      const memory = await engineMemory(url);
      return {
        used: memory.used,
        held: memory.connections.some((c) => c.connectionId === share?.connectionId),
      };
    })
    .toEqual({ used: 0, held: false });
});

test('a page reload adopts the running connection with its messages', async ({ app, broker }, testInfo) => {
  const clientId = `e2e-reload-${testInfo.workerIndex}-${Date.now()}`;
  const root = `reload${testInfo.workerIndex}x${Date.now()}`;
  await app.connectTo(broker, { clientId });
  await app.subscribe(`${root}/#`);
  await mosquittoPub(broker, { topic: `${root}/a`, message: 'kept across reload', qos: 1 });
  await expect(app.message(`${root}/a`, 'kept across reload')).toBeVisible();

  await app.page.reload();
  await app.waitUntilReady();
  await expect(app.status).toContainText('Connected');
  await expect(app.status).toContainText(clientId);
  await expect(app.message(`${root}/a`, 'kept across reload')).toBeVisible();
  await expect(app.subscription(`${root}/#`)).toContainText('QoS 0');
});
