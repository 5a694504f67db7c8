/**
 * The web host's pure checks: request paths (Trust #1), Host names (Trust #19), and the
 * frame scan and frame handler that answer every request id (Trust #2).
 */
import { decode, encode } from '@msgpack/msgpack';
import { describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../electron/contract';
import { scanFrame } from '../../electron/contract/frame-scan';
import type { Dispatch } from '../../electron/host/dispatch';
import { createFrameHandler, MAX_FRAME_DEPTH } from '../../electron/web/frames';
import { allowedHosts, hostAllowed, requestTarget } from '../../electron/web/front-door';
import { staticPath } from '../../electron/web/static-files';
import { deepBytes } from '../support/fuzz-inputs';

describe('staticPath (Trust #1)', () => {
  it.each(['/%', '/%zz', '/%E0%A4%A', '/%C0%AF', '/%ED%A0%80', '/assets/%', '/%ff'])(
    'answers 400 for the undecodable %s',
    (path) => {
      expect(staticPath(path)).toMatchObject({ ok: false, status: 400 });
    },
  );

  it.each(['/..', '/../x', '/a/../../x', '/%2e%2e/x', '/..%2fx', '/..%5cx', '/a\\b', '/x%00', '/./x'])(
    'answers 403 for %s',
    (path) => {
      expect(staticPath(path)).toMatchObject({ ok: false, status: 403 });
    },
  );

  it('maps ordinary paths below the root, and refuses very long ones', () => {
    expect(staticPath('/')).toEqual({ ok: true, relative: 'index.html' });
    expect(staticPath('//assets//app.js')).toEqual({ ok: true, relative: 'assets/app.js' });
    expect(staticPath('/assets/a%20b.js')).toEqual({ ok: true, relative: 'assets/a b.js' });
    expect(staticPath(`/${'a'.repeat(2000)}`)).toMatchObject({ ok: false, status: 404 });
  });
});

describe('front door (Trust #19)', () => {
  const hosts = allowedHosts(4000);

  it('accepts only our loopback names with the exact port', () => {
    for (const host of ['127.0.0.1:4000', 'localhost:4000', '[::1]:4000', 'LocalHost:4000']) {
      expect(hostAllowed(host, hosts), host).toBe(true);
    }
    for (const host of [
      undefined,
      '',
      'evil.example',
      'evil.example:4000',
      '127.0.0.1',
      '127.0.0.1:40000',
      'localhost:4000.evil',
    ]) {
      expect(hostAllowed(host, hosts), String(host)).toBe(false);
    }
  });

  it('splits request targets without URL parsing, and refuses non-origin forms', () => {
    expect(requestTarget('//%zz?token=%')).toMatchObject({ pathname: '//%zz' });
    expect(requestTarget('/api?token=a%2Bb')?.query.get('token')).toBe('a+b');
    expect(requestTarget('/api?token=%')?.query.get('token')).toBe('%');
    expect(requestTarget('*')).toBeNull();
    expect(requestTarget('http://evil/')).toBeNull();
    expect(requestTarget(undefined)).toBeNull();
  });
});

describe('scanFrame (Trust #2)', () => {
  it('finds the top-level id and measures depth without decoding', () => {
    expect(
      scanFrame(encode({ kind: 'request', id: 7, name: 'x', input: { a: [1, { b: 2 }] } }), 100),
    ).toEqual({
      depthOk: true,
      id: 7,
    });
    expect(scanFrame(encode({ id: -3.5 }), 100)).toEqual({ depthOk: true, id: -3.5 });
    expect(scanFrame(encode({ id: 2 ** 40 }), 100)).toEqual({ depthOk: true, id: 2 ** 40 });
    // An "id" that is not at the top, or not a number, is not an id.
    expect(scanFrame(encode({ x: 'id', y: { id: 4 }, id: 'str' }), 100)).toEqual({ depthOk: true });
    const head = encode({ kind: 'request', id: 9, input: null });
    const deep = new Uint8Array([...head.subarray(0, -1), ...deepBytes(1000, 'map')]);
    expect(scanFrame(deep, 100)).toEqual({ depthOk: false, id: 9 });
    expect(scanFrame(deepBytes(5_000_000, 'array'), 100)).toEqual({ depthOk: false });
  });

  it('lets truncated or empty input through to the decoder, which reports it', () => {
    const frame = encode({ kind: 'request', id: 300, name: 'app.info' });
    for (let cut = 0; cut < frame.length; cut++) {
      expect(scanFrame(frame.subarray(0, cut), 100).depthOk).toBe(true);
    }
    expect(scanFrame(new Uint8Array(0), 100)).toEqual({ depthOk: true });
  });
});

describe('createFrameHandler (Trust #2)', () => {
  const log = vi.fn();
  const answerOf = (bytes: Uint8Array | null) =>
    bytes ? (decode(bytes) as { id: number; envelope: Envelope<unknown> }) : null;

  it('answers an unencodable value with a typed internal error for the same id', async () => {
    const dispatch: Dispatch = async () => ({ ok: true, value: () => 1 });
    const handle = createFrameHandler(dispatch, log);
    const answer = answerOf(await handle(Buffer.from(encode({ kind: 'request', id: 5, name: 'x' })), true));
    expect(answer).toMatchObject({ id: 5, envelope: { ok: false, error: { code: 'internal' } } });
  });

  it('answers internal even if dispatch rejects, and invalid-input for deep or unreadable frames with an id', async () => {
    const handle = createFrameHandler(() => Promise.reject(new Error('boom')), log);
    expect(
      answerOf(await handle(Buffer.from(encode({ kind: 'request', id: 1, name: 'x' })), true)),
    ).toMatchObject({
      id: 1,
      envelope: { ok: false, error: { code: 'internal' } },
    });
    const head = encode({ kind: 'request', id: 2, name: 'x', input: null });
    const deep = Buffer.concat([head.subarray(0, -1), deepBytes(MAX_FRAME_DEPTH + 1, 'array')]);
    expect(answerOf(await handle(deep, true))).toMatchObject({
      id: 2,
      envelope: { error: { code: 'invalid-input' } },
    });
    const proto = Buffer.from(encode({ kind: 'request', id: 3, input: JSON.parse('{"__proto__":1}') }));
    expect(answerOf(await handle(proto, true))).toMatchObject({
      id: 3,
      envelope: { error: { code: 'invalid-input' } },
    });
  });

  it('drops frames without a readable id, logging once per socket', async () => {
    const once = vi.fn();
    const handle = createFrameHandler(async () => ({ ok: true, value: 1 }), once);
    expect(await handle(Buffer.from('text'), false)).toBeNull();
    expect(await handle(Buffer.from([0xc1]), true)).toBeNull();
    expect(await handle(Buffer.from(encode({ kind: 'request', id: '1' })), true)).toBeNull();
    expect(once).toHaveBeenCalledTimes(1);
  });
});
