/**
 * The one gate in front of the engine: whatever a renderer sends, the answer is an envelope,
 * never a thrown error, and handlers only ever see validated input.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus, Envelope, RequestHandlers } from '../../electron/contract';
import { EngineError } from '../../electron/engine/errors';
import { createDispatch } from '../../electron/host/dispatch';
import { unusedStreamHandlers } from '../support/unused-stream-handlers';

const status: ConnectionStatus = {
  connectionId: 'conn-1',
  state: 'connected',
  reason: 'Connected.',
  url: 'mqtt://localhost:1883',
  clientId: 'mqscope_test',
  since: 0,
};

/** Handlers that answer plausibly and record what they were called with. */
function fakeHandlers(overrides: Partial<RequestHandlers> = {}): RequestHandlers {
  return {
    'app.info': vi.fn(async () => ({ host: 'web' as const, version: 'test' })),
    'connection.open': vi.fn(async () => status),
    'connection.close': vi.fn(async () => ({ ...status, state: 'disconnected' as const })),
    'connection.list': vi.fn(async () => [status]),
    'subscription.add': vi.fn(async ({ filter, qos }) => ({ filter, grantedQos: qos, reasonCode: qos })),
    'subscription.remove': vi.fn(async ({ filter }) => ({ filter })),
    'message.publish': vi.fn(async () => ({ messageId: 7 })),
    ...unusedStreamHandlers(),
    ...overrides,
  };
}

function errorOf(envelope: Envelope<unknown>) {
  if (envelope.ok) throw new Error(`Expected an error envelope, got ${JSON.stringify(envelope.value)}`);
  return envelope.error;
}

describe('createDispatch', () => {
  it('answers a known request with its handler’s value', async () => {
    const dispatch = createDispatch(fakeHandlers());
    expect(await dispatch('app.info', {})).toEqual({ ok: true, value: { host: 'web', version: 'test' } });
  });

  it('treats a missing input as {} (requests without fields)', async () => {
    const dispatch = createDispatch(fakeHandlers());
    expect(await dispatch('connection.list', undefined)).toEqual({ ok: true, value: [status] });
    expect(await dispatch('connection.list', null)).toEqual({ ok: true, value: [status] });
  });

  it.each(['nope', 'toString', '__proto__', '', 42, null, undefined, { name: 'app.info' }])(
    'answers unknown-request for %j',
    async (name) => {
      const handlers = fakeHandlers();
      const error = errorOf(await createDispatch(handlers)(name, {}));
      expect(error.code).toBe('unknown-request');
      expect(error.message).toMatch(/^There is no request ".*"\.$/);
      expect(handlers['app.info']).not.toHaveBeenCalled();
    },
  );

  it('answers invalid-input with each issue, and never calls the handler', async () => {
    const handlers = fakeHandlers();
    const envelope = await createDispatch(handlers)('connection.open', {
      transport: 'mqtt',
      host: 'mqtt://broker',
      port: 0,
    });
    const error = errorOf(envelope);
    expect(error.code).toBe('invalid-input');
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'host', message: 'A host is a name or address, without scheme, port or path.' },
        { path: 'port', message: 'Ports run from 1 to 65535.' },
      ]),
    );
    // The summary names the first field, so a log line alone says what was wrong.
    expect(error.message).toBe(`${error.issues?.[0]?.path}: ${error.issues?.[0]?.message}`);
    expect(handlers['connection.open']).not.toHaveBeenCalled();
  });

  it('answers invalid-input (not a throw) for inputs of the wrong kind', async () => {
    const dispatch = createDispatch(fakeHandlers());
    const weird: unknown[] = ['a string', 42, true, [], [1, 2], Symbol('s'), () => 1, new Date(0)];
    for (const input of weird) {
      const envelope = await dispatch('message.publish', input);
      expect(errorOf(envelope).code, String(input)).toBe('invalid-input');
    }
    // An unexpected key on a request without fields is refused too.
    expect(errorOf(await dispatch('app.info', { sneaky: true })).code).toBe('invalid-input');
  });

  it('hands the handler the parsed input, defaults filled in', async () => {
    const handlers = fakeHandlers();
    const dispatch = createDispatch(handlers);
    const envelope = await dispatch('message.publish', {
      connectionId: 'conn-1',
      topic: 'a/b',
      payload: 'x',
    });
    expect(envelope).toEqual({ ok: true, value: { messageId: 7 } });
    expect(handlers['message.publish']).toHaveBeenCalledWith({
      connectionId: 'conn-1',
      topic: 'a/b',
      payload: 'x',
      qos: 0,
      retain: false,
    });
  });

  it('passes an EngineError’s code and message through', async () => {
    const dispatch = createDispatch(
      fakeHandlers({
        'connection.close': async () => {
          throw new EngineError('not-found', 'There is no connection "conn-9".');
        },
        'message.publish': async () => {
          throw new EngineError('not-connected', 'Connection conn-1 is not connected (it is failed).');
        },
      }),
    );
    expect(errorOf(await dispatch('connection.close', { connectionId: 'conn-9' }))).toEqual({
      code: 'not-found',
      message: 'There is no connection "conn-9".',
    });
    expect(
      errorOf(await dispatch('message.publish', { connectionId: 'conn-1', topic: 't', payload: '' })),
    ).toEqual({ code: 'not-connected', message: 'Connection conn-1 is not connected (it is failed).' });
  });

  it('reports a plain Error (an mqtt.js rejection) as mqtt-error with its message', async () => {
    const dispatch = createDispatch(
      fakeHandlers({
        'subscription.add': async () => {
          throw new Error('Connection closed');
        },
      }),
    );
    expect(errorOf(await dispatch('subscription.add', { connectionId: 'c', filter: 'a/#' }))).toEqual({
      code: 'mqtt-error',
      message: 'Connection closed',
    });
  });

  it('survives handlers that throw synchronously or throw non-errors', async () => {
    const dispatch = createDispatch(
      fakeHandlers({
        // Typed as async, but a careless handler can still throw before returning a promise.
        'connection.list': (() => {
          throw new Error('sync boom');
        }) as RequestHandlers['connection.list'],
        'app.info': async () => {
          throw 'a string';
        },
      }),
    );
    expect(errorOf(await dispatch('connection.list', {}))).toEqual({
      code: 'mqtt-error',
      message: 'sync boom',
    });
    expect(errorOf(await dispatch('app.info', {}))).toEqual({ code: 'mqtt-error', message: 'a string' });
  });
});
