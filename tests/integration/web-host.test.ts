/**
 * The web host's front door: the WebSocket is refused without this run's token or from
 * a foreign Origin, it binds loopback only, and it carries the contract (validated) once in.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, encode } from '@msgpack/msgpack';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { WEB_SOCKET_PATH, type ServerFrame } from '../../electron/contract/web-wire';
import { createEngine, type Engine } from '../../electron/engine';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { closesWithin, getRequest, rawStatus } from '../support/raw-http';

let engine: Engine;
let host: WebHost;
let staticDir: string;

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'mqscope-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>MQScope</title>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'export {};');
  // A file beside the static folder that traversal would reach.
  writeFileSync(join(staticDir, '..', `${staticDir.split('/').pop()}-secret.txt`), 'secret');
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

/** A socket to the host that has opened its WebSocket with the token; collects responses by id. */
async function openContractSocket(target: WebHost = host) {
  const ws = new WebSocket(`ws://127.0.0.1:${target.port}${WEB_SOCKET_PATH}?token=${target.token}`, {
    headers: { Origin: `http://127.0.0.1:${target.port}` },
  });
  const responses = new Map<number, ServerFrame[]>();
  ws.on('message', (data: Buffer) => {
    const frame = decode(data) as ServerFrame;
    if (frame.kind === 'response') responses.set(frame.id, [...(responses.get(frame.id) ?? []), frame]);
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, responses };
}

describe('Trust #1: malformed paths never crash the static server', () => {
  const own = () => `127.0.0.1:${host.port}`;

  it.each(['/%', '/%zz', '/%E0%A4%A', '/%C0%AF', '/%ED%A0%80', '/assets/%', '/assets/%E0%A4'])(
    'answers 400 for the undecodable %s',
    async (path) => {
      expect(await rawStatus(host.port, getRequest(path, own()))).toBe(400);
    },
  );

  it.each([
    '/../index.html',
    '/assets/../../x',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2fetc%2fpasswd',
    '/..%5c..%5cetc%5cpasswd',
    '/assets\\..\\..\\x',
    '/index.html%00.js',
    '/%00',
    `/..%2f${'x'}-secret.txt`,
  ])('refuses the traversal %s with 403 or 404', async (path) => {
    expect([403, 404]).toContain(await rawStatus(host.port, getRequest(path, own())));
  });

  it('does not serve the file beside its folder, answers 404 for missing and very long paths', async () => {
    const sibling = `/..%2f${staticDir.split('/').pop()}-secret.txt`;
    expect([403, 404]).toContain(await rawStatus(host.port, getRequest(sibling, own())));
    expect(await rawStatus(host.port, getRequest('/nope.js', own()))).toBe(404);
    expect(await rawStatus(host.port, getRequest(`/${'a'.repeat(8000)}`, own()))).toBe(404);
    expect(await rawStatus(host.port, getRequest(`/${'%'.repeat(4000)}`, own()))).toBe(404);
    // Request targets that are not a path: the parser or our check refuses them, nothing throws.
    expect(await rawStatus(host.port, getRequest('//%zz', own()))).toBe(400);
    expect([400, 404]).toContain(await rawStatus(host.port, getRequest('*', own())));
    expect(await rawStatus(host.port, getRequest('/assets/app.js', own()))).toBe(200);
    // Still up and serving.
    expect((await fetch(`http://127.0.0.1:${host.port}/`)).status).toBe(200);
  });
});

describe('Trust #1: a failure while serving ends in a 500, not in the event loop', () => {
  it('answers 500 when serving throws, and keeps serving', async () => {
    // A static root that makes path resolution throw: the stand-in for any bug in serving.
    const broken = await startWebHost({ engine, staticDir: undefined as unknown as string, port: 0 });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (let i = 0; i < 3; i++) {
        expect(await rawStatus(broken.port, getRequest('/', `127.0.0.1:${broken.port}`))).toBe(500);
      }
      expect(error).toHaveBeenCalled();
    } finally {
      error.mockRestore();
      await broken.close();
    }
  });
});

describe('Trust #19: only our own Host names are served (DNS rebinding)', () => {
  it.each(['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST'])('serves Host %s:<port>', async (name) => {
    expect(await rawStatus(host.port, getRequest('/', `${name}:${host.port}`))).toBe(200);
  });

  it.each([
    'evil.example',
    'evil.example:PORT',
    '127.0.0.1',
    'localhost:1',
    '127.0.0.1:PORT.evil.example',
    '',
  ])('refuses Host "%s" with 421', async (name) => {
    const value = name.replace('PORT', String(host.port));
    expect(await rawStatus(host.port, getRequest('/', value))).toBe(421);
  });

  it('refuses a request without a Host header, and an upgrade from a rebound name', async () => {
    expect([400, 421]).toContain(await rawStatus(host.port, 'GET / HTTP/1.0\r\n\r\n'));
    const upgrade =
      `GET ${WEB_SOCKET_PATH}?token=${host.token} HTTP/1.1\r\nHost: evil.example:${host.port}\r\n` +
      `Origin: http://127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';
    expect(await rawStatus(host.port, upgrade)).toBe(421);
  });
});

describe('Trust #2: every request frame with an id gets one typed answer', () => {
  it('answers prototype-named brokers with lists, and unreadable names with unknown-request', async () => {
    const { ws, responses } = await openContractSocket();
    const names = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];
    names.forEach((broker, i) =>
      ws.send(encode({ kind: 'request', id: i + 1, name: 'presets.list', input: { broker } })),
    );
    // A name String() cannot convert: a map whose toString and valueOf are not functions.
    ws.send(encode({ kind: 'request', id: 10, name: { toString: 1, valueOf: 1 }, input: {} }));
    ws.send(encode({ kind: 'request', id: 11, name: ['a', ['b']], input: {} }));
    // A "__proto__" key (the decoder refuses it), deep nesting, a text frame, no id at all.
    ws.send(encode({ kind: 'request', id: 12, name: 'app.info', input: JSON.parse('{"__proto__":{}}') }));
    const deep = new Uint8Array(100_000).fill(0x91);
    ws.send(encode({ kind: 'request', id: 13, name: 'app.info' }));
    ws.send(
      Buffer.concat([
        Buffer.from([0x84]),
        Buffer.from(encode('kind')),
        Buffer.from(encode('request')),
        Buffer.from(encode('id')),
        Buffer.from(encode(14)),
        Buffer.from(encode('name')),
        Buffer.from(encode('app.info')),
        Buffer.from(encode('input')),
        Buffer.from(deep),
        Buffer.from([0xc0]),
      ]),
    );
    ws.send('{"kind":"request","id":15}');
    ws.send(encode({ kind: 'request', name: 'app.info' }));
    ws.send(encode({ kind: 'response', id: 16, envelope: { ok: true, value: 1 } }));
    await expect.poll(() => responses.size, { timeout: 10_000 }).toBe(names.length + 6);
    for (let i = 1; i <= names.length; i++) {
      expect(responses.get(i)).toEqual([{ kind: 'response', id: i, envelope: { ok: true, value: [] } }]);
    }
    expect(responses.get(10)?.[0]).toMatchObject({
      envelope: { ok: false, error: { code: 'unknown-request' } },
    });
    expect(responses.get(11)?.[0]).toMatchObject({
      envelope: { ok: false, error: { code: 'unknown-request' } },
    });
    expect(responses.get(12)?.[0]).toMatchObject({
      envelope: { ok: false, error: { code: 'invalid-input' } },
    });
    expect(responses.get(13)?.[0]).toMatchObject({ envelope: { ok: true } });
    expect(responses.get(14)?.[0]).toMatchObject({
      envelope: {
        ok: false,
        error: { code: 'invalid-input', message: expect.stringMatching(/nested deeper/) },
      },
    });
    expect(responses.get(16)?.[0]).toMatchObject({
      envelope: { ok: false, error: { code: 'invalid-input' } },
    });
    expect(responses.has(15)).toBe(false);
    // Exactly one answer each.
    expect([...responses.values()].every((list) => list.length === 1)).toBe(true);
    ws.close();
  });
});

describe('Trust #20: slow and silent sockets are closed within the bounds', () => {
  it('closes 20 trickling, silent and half-open sockets, and still serves', async () => {
    const limits = {
      headersTimeoutMs: 1000,
      requestTimeoutMs: 2000,
      checkIntervalMs: 200,
      upgradeTimeoutMs: 1000,
    };
    const slow = await startWebHost({ engine, staticDir: `${staticDir}/`, port: 0, limits });
    // An open WebSocket is no slow request: it must outlive every bound below.
    const page = await openContractSocket(slow);
    const sockets: Socket[] = [];
    const timers: NodeJS.Timeout[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        const kind = i % 4;
        const socket = connect({ port: slow.port, host: '127.0.0.1', allowHalfOpen: kind === 3 });
        socket.on('error', () => undefined);
        // Read what the host answers, so its FIN is seen as 'end' (and 'close') at once: an
        // unread answer would hold 'end' back, and the close would then be seen only through
        // a later write's error.
        socket.resume();
        sockets.push(socket);
        await new Promise((resolve) => socket.once('connect', resolve));
        if (kind === 0) {
          // Slowloris: a header line every 100 ms, never the blank line that ends them.
          socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${slow.port}\r\n`);
          timers.push(setInterval(() => !socket.destroyed && socket.write(`X-${i}: a\r\n`), 100));
        } else if (kind === 1) {
          // Connects and says nothing.
        } else if (kind === 2) {
          // Half a request line, one byte at a time.
          timers.push(setInterval(() => !socket.destroyed && socket.write('G'), 150));
        } else {
          // A refused upgrade whose client never closes its side: after the answer it keeps
          // writing, which only ends (in a reset) once the host has let the socket go.
          timers.push(setInterval(() => !socket.destroyed && socket.write('x'), 100));
          socket.write(
            getRequest(
              `${WEB_SOCKET_PATH}?token=wrong`,
              `127.0.0.1:${slow.port}`,
              'Upgrade: websocket\r\nConnection: Upgrade\r\n',
            ).replace('Connection: close\r\n', ''),
          );
        }
      }
      // Bound: the header timeout plus two checks, with room for a machine busy with the
      // other suites (a CI run once needed more than 4 s of room).
      const bound = limits.headersTimeoutMs + 2 * limits.checkIntervalMs + 10_000;
      const closed = await Promise.all(sockets.map((socket) => closesWithin(socket, bound)));
      const kinds = ['slowloris', 'silent', 'trickle', 'half-open upgrade'];
      const stillOpen = closed.flatMap((c, i) => (c ? [] : [`#${i} ${kinds[i % 4]}`]));
      expect(stillOpen).toEqual([]);
      expect((await fetch(`http://127.0.0.1:${slow.port}/`)).status).toBe(200);
      page.ws.send(encode({ kind: 'request', id: 1, name: 'app.info', input: {} }));
      await expect.poll(() => page.responses.get(1)?.length, { timeout: 5000 }).toBe(1);
      expect(page.ws.readyState).toBe(WebSocket.OPEN);
      page.ws.close();
    } finally {
      timers.forEach(clearInterval);
      sockets.forEach((socket) => socket.destroy());
      await slow.close();
    }
  });
});
