/**
 * The web host's front door: the WebSocket is refused without this run's token or from
 * a foreign Origin, it binds loopback only, and it carries the contract (validated) once in.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, encode } from '@msgpack/msgpack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WEB_SOCKET_PATH, type ServerFrame } from '../../electron/contract/web-wire';
import { createEngine, type Engine } from '../../electron/engine';
import { startWebHost, type WebHost } from '../../electron/web/server';

let engine: Engine;
let host: WebHost;

beforeAll(async () => {
  const staticDir = mkdtempSync(join(tmpdir(), 'mqscope-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>MQScope</title>');
  engine = createEngine({ host: 'web', version: 'test' });
  host = await startWebHost({ engine, staticDir: `${staticDir}/`, port: 0 });
});

afterAll(async () => {
  await engine.dispose();
  await host.close();
});

/** Resolves with the HTTP status of a refused upgrade, or 101 when it is accepted. */
function upgradeStatus(query: string, origin: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = origin === undefined ? {} : { Origin: origin };
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${WEB_SOCKET_PATH}${query}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', reject);
  });
}

function ownOrigin(): string {
  return `http://127.0.0.1:${host.port}`;
}

describe('web host security', () => {
  it('prints a loopback URL with a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('refuses a WebSocket without the token', async () => {
    expect(await upgradeStatus('', ownOrigin())).toBe(401);
  });

  it('refuses a WebSocket with a wrong token', async () => {
    expect(await upgradeStatus(`?token=${'x'.repeat(host.token.length)}`, ownOrigin())).toBe(401);
  });

  it('refuses a WebSocket from a foreign Origin, or with none', async () => {
    expect(await upgradeStatus(`?token=${host.token}`, 'http://evil.example')).toBe(403);
    expect(await upgradeStatus(`?token=${host.token}`, `http://127.0.0.1:${host.port + 1}`)).toBe(403);
    expect(await upgradeStatus(`?token=${host.token}`, undefined)).toBe(403);
  });

  it('accepts the token from our own Origin and answers contract requests, validated', async () => {
    expect(await upgradeStatus(`?token=${host.token}`, ownOrigin())).toBe(101);
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${WEB_SOCKET_PATH}?token=${host.token}`, {
      headers: { Origin: ownOrigin() },
    });
    const responses = new Map<number, ServerFrame>();
    ws.on('message', (data: Buffer) => {
      const frame = decode(data) as ServerFrame;
      if (frame.kind === 'response') responses.set(frame.id, frame);
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(encode({ kind: 'request', id: 1, name: 'app.info', input: {} }));
    ws.send(encode({ kind: 'request', id: 2, name: 'connection.open', input: { host: 'a b', port: 99999 } }));
    ws.send(encode({ kind: 'request', id: 3, name: 'process.exit', input: {} }));
    ws.send(Buffer.from('not msgpack at all'));
    await expect.poll(() => responses.size, { timeout: 5000 }).toBe(3);
    expect(responses.get(1)).toMatchObject({
      envelope: { ok: true, value: { host: 'web', version: 'test' } },
    });
    expect(responses.get(2)).toMatchObject({ envelope: { ok: false, error: { code: 'invalid-input' } } });
    expect(responses.get(3)).toMatchObject({ envelope: { ok: false, error: { code: 'unknown-request' } } });
    ws.close();
  });

  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const page = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escape = await fetch(`http://127.0.0.1:${host.port}/..%2f..%2fetc%2fpasswd`);
    expect([403, 404]).toContain(escape.status);
  });
});
