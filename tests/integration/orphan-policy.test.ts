/**
 * Trust #16 through the real web host and a real Mosquitto: the host counts the pages that
 * are connected, and with close-after the engine disconnects the connections nobody
 * watches; they stay listed (with their messages) for the next page.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WEB_SOCKET_PATH } from '../../electron/contract/web-wire';
import { createEngine, type Engine } from '../../electron/engine';
import { createDispatch } from '../../electron/host/dispatch';
import { OrphanWatch, type OrphanTimers } from '../../electron/host/orphan-policy';
import { startWebHost, type WebHost } from '../../electron/web/server';
import {
  MOSQUITTO_MISSING,
  mosquittoAvailable,
  startMosquitto,
  type MosquittoBroker,
} from '../support/mosquitto';
import { dispatchCall } from '../support/dispatch-call';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

describe.skipIf(!available)('orphan policy in the web host', () => {
  let engine: Engine;
  let host: WebHost;
  let broker: MosquittoBroker;
  const counts: number[] = [];
  let due: (() => void) | null = null;
  const timers: OrphanTimers = {
    setTimeout: (fn) => {
      due = fn;
      return 1;
    },
    clearTimeout: () => {
      due = null;
    },
  };

  beforeAll(async () => {
    broker = await startMosquitto();
    const staticDir = mkdtempSync(join(tmpdir(), 'mqscope-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>MQScope</title>');
    engine = createEngine({ host: 'web', version: 'test' });
    const watch = new OrphanWatch(
      { kind: 'close-after', minutes: 1 },
      () => engine.closeRunning({ key: 'state.orphaned', params: { minutes: 1 } }),
      timers,
    );
    host = await startWebHost({
      engine,
      staticDir: `${staticDir}/`,
      port: 0,
      onPageCount: (count) => {
        counts.push(count);
        watch.pagesChanged(count);
      },
    });
  });

  afterAll(async () => {
    await engine?.dispose();
    await host?.close();
    await broker?.stop();
  });

  it('closes connections once no page watches them, and keeps them listed', async () => {
    const dispatch = createDispatch(engine.handlers);
    const call = dispatchCall(() => dispatch);
    const opened = await call('connection.open', {
      transport: 'mqtt',
      host: broker.host,
      port: broker.ports.mqtt,
      username: broker.username,
      password: broker.password,
    });
    const id = opened.connectionId;

    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${WEB_SOCKET_PATH}?token=${host.token}`, {
      headers: { Origin: `http://127.0.0.1:${host.port}` },
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    await expect.poll(() => counts.at(-1)).toBe(1);
    // A page is open: no timer runs.
    expect(due).toBeNull();
    ws.close();
    await expect.poll(() => counts.at(-1)).toBe(0);
    expect(due).not.toBeNull();
    due?.();

    await expect
      .poll(async () => (await call('connection.list', {})).find((s) => s.connectionId === id))
      .toMatchObject({ state: 'disconnected', reason: { key: 'state.orphaned', params: { minutes: 1 } } });
    // A proper DISCONNECT, seen by the broker.
    await broker.waitForLog(new RegExp(`Client ${opened.clientId} disconnected\\.$`));
  });
});
