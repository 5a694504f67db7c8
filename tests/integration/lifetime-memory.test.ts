/**
 * Connection lifetime and memory against a real Mosquitto, driven through the contract.
 * Trust #16: closed connections stay listed with their messages until removed.
 * Trust #17: one budget across connections; removing a connection frees its log.
 * Trust #18: a large payload is cut as it leaves the socket and kept marked.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MOSQUITTO_MISSING, mosquittoAvailable } from '../support/mosquitto';
import { mosquittoPubFile, mosquittoPubLines } from '../support/mosquitto-burst';
import { useEngineSession } from '../support/engine-session';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

const WAIT = { timeout: 15_000, interval: 25 };

describe.skipIf(!available)('connection lifetime and the memory budget', () => {
  const session = useEngineSession();
  const { call } = session;

  async function subscribedConnection(filter: string): Promise<string> {
    const id = await session.openConnected(session.tcp());
    await call('subscription.add', { connectionId: id, filter, qos: 1 });
    return id;
  }

  const memory = () => call('stream.memory', {});
  const bytesOf = async (id: string) =>
    (await memory()).connections.find((c) => c.connectionId === id)?.bytes ?? 0;

  it('accounts every connection in one budget, and frees each log on remove (Trust #16, #17)', async () => {
    const topic = `lifetime/${Date.now()}`;
    const ids = [
      await subscribedConnection(`${topic}/#`),
      await subscribedConnection(`${topic}/#`),
      await subscribedConnection(`${topic}/#`),
    ];
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(200) }));
    await mosquittoPubLines(session.broker, `${topic}/a`, lines, 1);
    for (const id of ids) {
      await expect
        .poll(async () => (await call('stream.poll', { connectionId: id })).stats.count, WAIT)
        .toBe(50);
    }
    const during = await memory();
    const shares = await Promise.all(ids.map(bytesOf));
    for (const share of shares) expect(share).toBeGreaterThan(50 * 200);
    expect(during.used).toBe(shares.reduce((a, b) => a + b, 0));

    // Closed: still listed, messages still readable, bytes still accounted.
    for (const id of ids) await call('connection.close', { connectionId: id });
    const listed = await call('connection.list', {});
    for (const id of ids) expect(listed.find((s) => s.connectionId === id)?.state).toBe('disconnected');
    expect((await call('stream.poll', { connectionId: ids[0] ?? '' })).stats.count).toBe(50);
    expect((await memory()).used).toBe(during.used);

    // Removed: the bytes go to 0 and nothing of them is listed.
    for (const [i, id] of ids.entries()) {
      const removed = await call('connection.remove', { connectionId: id });
      session.opened.delete(id);
      expect(removed).toEqual({ connectionId: id, freedBytes: shares[i] });
    }
    expect(await memory()).toMatchObject({ used: 0, connections: [] });
    // Every page hears of it, so none keeps showing a connection that is gone.
    const removedEvents = session.events.filter((e) => e.name === 'connection.removed');
    for (const id of ids)
      expect(removedEvents).toContainEqual({ name: 'connection.removed', payload: { connectionId: id } });
    const after = await call('connection.list', {});
    for (const id of ids) expect(after.some((s) => s.connectionId === id)).toBe(false);
    expect((await session.callError('stream.poll', { connectionId: ids[0] })).code).toBe('not-found');
  });

  it('keeps all connections within a lowered budget, oldest messages first (Trust #17)', async () => {
    const topic = `budget/${Date.now()}`;
    const a = await subscribedConnection(`${topic}/#`);
    const b = await subscribedConnection(`${topic}/#`);
    const budget = 8 * 1024 * 1024;
    const dir = await mkdtemp(join(tmpdir(), 'mqscope-budget-'));
    try {
      await call('stream.setLimits', { maxTotalBytes: budget });
      const file = join(dir, 'payload.bin');
      await writeFile(file, Buffer.alloc(1024 * 1024, 7));
      for (let i = 0; i < 12; i++) await mosquittoPubFile(session.broker, `${topic}/${i}`, file);
      await expect
        .poll(async () => (await call('stream.poll', { connectionId: b })).stats.received, WAIT)
        .toBe(12);
      await expect
        .poll(async () => (await call('stream.poll', { connectionId: a })).stats.received, WAIT)
        .toBe(12);
      const used = await memory();
      expect(used.used).toBeLessThanOrEqual(budget);
      const stats = (await call('stream.poll', { connectionId: a })).stats;
      expect(stats.evicted).toBeGreaterThan(0);
      expect(stats.totalBytes).toBe(used.used);
    } finally {
      await call('stream.setLimits', { maxTotalBytes: 512 * 1024 * 1024 });
      await rm(dir, { recursive: true, force: true });
      for (const id of [a, b]) {
        await call('connection.remove', { connectionId: id });
        session.opened.delete(id);
      }
    }
  });

  it('cuts a payload above the payload limit as it arrives, and says how large it was (Trust #18)', async () => {
    const topic = `large/${Date.now()}`;
    const id = await subscribedConnection(topic);
    const dir = await mkdtemp(join(tmpdir(), 'mqscope-large-'));
    try {
      await call('stream.setLimits', { maxPayloadBytes: 64 * 1024 });
      const file = join(dir, 'big.bin');
      await writeFile(file, Buffer.alloc(3 * 1024 * 1024, 1));
      await mosquittoPubFile(session.broker, topic, file);
      await expect
        .poll(async () => (await call('stream.poll', { connectionId: id })).stats.count, WAIT)
        .toBe(1);
      const poll = await call('stream.poll', { connectionId: id });
      expect(poll.stats.truncated).toBe(1);
      expect(poll.stats.bytes).toBeLessThan(65 * 1024 + 1024);
      const detail = await call('messages.detail', { connectionId: id, seq: poll.stats.lastSeq });
      expect(detail).toMatchObject({ size: 3 * 1024 * 1024, truncatedAt: 64 * 1024 });
      expect(detail.payload.byteLength).toBe(64 * 1024);
    } finally {
      await call('stream.setLimits', { maxPayloadBytes: 16 * 1024 * 1024 });
      await rm(dir, { recursive: true, force: true });
    }
  });
});
