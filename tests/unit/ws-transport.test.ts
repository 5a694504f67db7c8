/**
 * Every request the page sends gets exactly one answer (Trust #2, renderer side): from its
 * response, or from the socket closing. The pending table alone, then the real transport
 * over a stand-in WebSocket that the test drives by hand.
 */
import { decode, encode } from '@msgpack/msgpack';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../electron/contract';
import { createPendingRequests } from '../../src/api/pending-requests';
import { readServerFrame, UNREADABLE_ANSWER } from '../../src/api/server-frames';
import { LOST_HOST_MESSAGE } from '../../src/api/transport';
import { createWsTransport } from '../../src/api/ws-transport';

const closedEnvelope: Envelope<never> = { ok: false, error: { code: 'internal', message: 'closed' } };

describe('pending requests', () => {
  it('settles a request by its id once, and ignores unknown or repeated ids', () => {
    const table = createPendingRequests();
    const seen: Envelope<unknown>[] = [];
    table.add(1, (e) => seen.push(e));
    expect(table.settle(2, { ok: true, value: 'stray' })).toBe(false);
    expect(table.settle(1, { ok: true, value: 'one' })).toBe(true);
    expect(table.settle(1, { ok: true, value: 'again' })).toBe(false);
    expect(seen).toEqual([{ ok: true, value: 'one' }]);
    expect(table.size).toBe(0);
  });

  it('answers every pending request exactly once when closed, and later ones at once', () => {
    const table = createPendingRequests();
    const calls = new Map<number, number>();
    const count = (id: number) => () => calls.set(id, (calls.get(id) ?? 0) + 1);
    for (let id = 1; id <= 5; id++) table.add(id, count(id));
    table.settle(3, { ok: true, value: null });
    table.close(closedEnvelope);
    table.close(closedEnvelope);
    expect(table.settle(4, { ok: true, value: 'late' })).toBe(false);
    expect([...calls.entries()].sort()).toEqual([1, 2, 3, 4, 5].map((id) => [id, 1]));
    let after: Envelope<unknown> | undefined;
    table.add(6, (e) => (after = e));
    expect(after).toEqual(closedEnvelope);
  });
});

describe('reading server frames', () => {
  it('turns a malformed envelope into a typed internal error for its id', () => {
    const bad = readServerFrame(encode({ kind: 'response', id: 4, envelope: { ok: 'yes' } }));
    expect(bad).toEqual({
      kind: 'response',
      id: 4,
      envelope: { ok: false, error: { code: 'internal', message: UNREADABLE_ANSWER } },
    });
    const unknownCode = readServerFrame(
      encode({ kind: 'response', id: 5, envelope: { ok: false, error: { code: 'weird', message: 'x' } } }),
    );
    expect(unknownCode).toMatchObject({ id: 5, envelope: { ok: false, error: { code: 'internal' } } });
  });

  it('finds the id of an answer the decoder refuses (a "__proto__" key)', () => {
    const value = JSON.parse('{"__proto__": 1}') as unknown;
    const bytes = encode({ kind: 'response', id: 9, envelope: { ok: true, value } });
    expect(() => decode(bytes)).toThrow();
    expect(readServerFrame(bytes)).toMatchObject({ kind: 'unreadable', id: 9 });
    expect(readServerFrame(new Uint8Array([0xc1]))).toMatchObject({ kind: 'unreadable' });
    expect(readServerFrame(encode({ kind: 'event', name: 'nope', payload: {} }))).toMatchObject({
      kind: 'unreadable',
    });
  });
});

/** A WebSocket the test opens, answers and closes by hand. */
class FakeSocket extends EventTarget {
  static last: FakeSocket | null = null;
  binaryType = 'blob';
  readonly sent: { id: number; name: string }[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.last = this;
  }
  send(bytes: Uint8Array) {
    this.sent.push(decode(bytes) as { id: number; name: string });
  }
  open() {
    this.dispatchEvent(new Event('open'));
  }
  receive(frame: unknown) {
    const bytes = encode(frame);
    this.dispatchEvent(new MessageEvent('message', { data: bytes.slice().buffer }));
  }
  drop() {
    this.dispatchEvent(Object.assign(new Event('close'), { code: 1006 }));
  }
}

describe('web socket transport', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('answers responses by id, ignores unknown ids, and fails the rest once when the socket closes', async () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { bridge, status } = createWsTransport('ws://127.0.0.1:1/api?token=t');
    const socket = FakeSocket.last;
    if (!socket) throw new Error('no socket');
    const early = bridge.invoke('app.info', {});
    socket.open();
    expect(status.getSnapshot()).toEqual({ state: 'open' });
    const second = bridge.invoke('connection.list', {});
    const third = bridge.invoke('connection.list', {});
    expect(socket.sent.map((f) => f.name)).toEqual(['app.info', 'connection.list', 'connection.list']);
    const [a, b, c] = socket.sent.map((f) => f.id);
    socket.receive({ kind: 'response', id: 999, envelope: { ok: true, value: 'stray' } });
    socket.receive({ kind: 'response', id: a, envelope: { ok: true, value: { host: 'web', version: 't' } } });
    socket.receive({ kind: 'response', id: a, envelope: { ok: true, value: 'twice' } });
    expect(await early).toEqual({ ok: true, value: { host: 'web', version: 't' } });
    expect(warn).toHaveBeenCalledTimes(2);
    // An answer the page cannot read still ends its request.
    const bytes = encode({
      kind: 'response',
      id: b,
      envelope: { ok: true, value: JSON.parse('{"__proto__":1}') },
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    socket.dispatchEvent(new MessageEvent('message', { data: bytes.slice().buffer }));
    expect(await second).toEqual({ ok: false, error: { code: 'internal', message: UNREADABLE_ANSWER } });
    socket.drop();
    expect(await third).toEqual({ ok: false, error: { code: 'internal', message: LOST_HOST_MESSAGE } });
    expect(c).toBeGreaterThan(0);
    // After the close, a request is answered at once, and a late response changes nothing.
    socket.receive({ kind: 'response', id: c, envelope: { ok: true, value: 'late' } });
    expect(await bridge.invoke('app.info', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: LOST_HOST_MESSAGE },
    });
  });

  it('answers a request it cannot encode instead of throwing', async () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    const { bridge } = createWsTransport('ws://127.0.0.1:1/api?token=t');
    FakeSocket.last?.open();
    const envelope = await bridge.invoke('app.info', { f: () => 1 } as never);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
