/**
 * The one gate in front of the engine: whatever a renderer sends, the answer is an envelope,
 * never a thrown error, and handlers only ever see validated input.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  requestNames,
  type ConnectionStatus,
  type Envelope,
  type RequestHandlers,
} from '../../electron/contract';
import { EngineError } from '../../electron/engine/errors';
import { createDispatch } from '../../electron/host/dispatch';

const status: ConnectionStatus = {
  connectionId: 'conn-1',
  state: 'connected',
  reason: { key: 'state.connected', params: {} },
  url: 'mqtt://localhost:1883',
  clientId: 'mqscope_test',
  protocolVersion: '5.0',
  keepaliveSeconds: 60,
  insecure: false,
  since: 0,
};

/**
 * Handlers that answer plausibly and record what they were called with. Requests this file
 * does not exercise get a generic handler, so new contract requests do not break it.
 */
function fakeHandlers(overrides: Partial<RequestHandlers> = {}): RequestHandlers {
  const known: Partial<RequestHandlers> = {
    'app.info': vi.fn(async () => ({ host: 'web' as const, version: 'test' })),
    'connection.open': vi.fn(async () => status),
    'connection.close': vi.fn(async () => ({ ...status, state: 'disconnected' as const })),
    'connection.list': vi.fn(async () => [status]),
    'subscription.add': vi.fn(async ({ filter, qos, ...options }) => ({
      filter,
      options: { qos, ...options },
      state: 'active' as const,
      grantedQos: qos,
      reasonCode: qos,
      reasonText: { key: 'suback.granted', params: { qos } },
    })),
    'subscription.remove': vi.fn(async ({ filter }) => ({ filter, reasonCode: 0 })),
    'message.publish': vi.fn(async () => ({
      messageId: 7,
      outcome: { key: 'publish.acked', params: { ack: 'PUBACK' } },
    })),
  };
  const all = Object.fromEntries(
    requestNames.map((name) => [name, overrides[name] ?? known[name] ?? vi.fn(async () => ({}))]),
  );
  // Every request name has a handler: the shape RequestHandlers asks for.
  return all as RequestHandlers;
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
      expect(error.message).toMatch(/^There is no request .+\.$/);
      expect(handlers['app.info']).not.toHaveBeenCalled();
    },
  );

  // Trust #2: a name String() cannot convert must not make dispatch throw or reject.
  it('answers unknown-request for names whose conversion throws, symbols and huge strings', async () => {
    const dispatch = createDispatch(fakeHandlers());
    const throwing = {
      toString() {
        throw new Error('boom');
      },
    };
    // What msgpack can deliver: a map whose toString is not callable, so String() throws.
    const decoded = { toString: 1, valueOf: 1 };
    const names: unknown[] = [throwing, decoded, Symbol('s'), 'x'.repeat(1_000_000), [[[]]], 10n, () => 1];
    for (const name of names) {
      const error = errorOf(await dispatch(name, {}));
      expect(error.code).toBe('unknown-request');
      // The message quotes at most a short prefix of a long name.
      expect(error.message.length).toBeLessThan(200);
    }
    expect(errorOf(await dispatch('x'.repeat(1_000_000), {})).message).toMatch(
      /^There is no request "x+…"\.$/,
    );
  });

  it('answers a typed error for hostile thrown values and hostile inputs', async () => {
    const hostile = {
      toString() {
        throw new Error('boom');
      },
    };
    const dispatch = createDispatch(
      fakeHandlers({
        'app.info': async () => {
          throw hostile;
        },
      }),
    );
    const error = errorOf(await dispatch('app.info', {}));
    expect(error.code).toBe('mqtt-error');
    expect(error.message).toBe('A request failed with an object.');
    // An input whose property getter throws (possible in-process, not over the wire).
    const trap = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
        get() {
          throw new Error('trap');
        },
      },
    );
    const envelope = await dispatch('connection.list', trap);
    expect(envelope.ok).toBe(false);
    expect(['invalid-input', 'internal']).toContain(errorOf(envelope).code);
  });

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
        {
          path: 'host',
          message: 'A host is a name or address, without scheme, port or path.',
          text: { key: 'input.rule.hostShape', params: {} },
        },
        {
          path: 'port',
          message: 'Ports run from 1 to 65535.',
          text: { key: 'input.rule.portRange', params: {} },
        },
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
    expect(envelope).toEqual({
      ok: true,
      value: { messageId: 7, outcome: { key: 'publish.acked', params: { ack: 'PUBACK' } } },
    });
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
      text: { key: 'input.mqttError', params: { detail: 'Connection closed' } },
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
    expect(errorOf(await dispatch('connection.list', {}))).toMatchObject({
      code: 'mqtt-error',
      message: 'sync boom',
      text: { key: 'input.mqttError', params: { detail: 'sync boom' } },
    });
    expect(errorOf(await dispatch('app.info', {}))).toMatchObject({
      code: 'mqtt-error',
      message: 'a string',
    });
  });
});
