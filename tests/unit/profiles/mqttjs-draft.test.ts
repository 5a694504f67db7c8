/** Issue 13 #4: mqtt.js code import always gives a draft; what the code computes is marked. */
import { describe, expect, it } from 'vitest';
import type { LintItem } from '../../../electron/contract';
import { parseMqttjsCode } from '../../support/mqttjs-english';

const RANK = { error: 0, warning: 1, info: 2 } as const;

/** Errors, then warnings, then notes; in code order within each. */
function inOrder(lint: LintItem[]): boolean {
  return lint.every((item, i) => {
    const prev = lint[i - 1];
    if (!prev) return true;
    if (RANK[prev.severity] !== RANK[item.severity]) return RANK[prev.severity] < RANK[item.severity];
    return (prev.line ?? Infinity) <= (item.line ?? Infinity);
  });
}

const URL_AS_VARIABLE = `import mqtt from 'mqtt'

export function connectDevice(url, deviceId, token, payload) {
  const deviceClient = mqtt.connect(url, {
    clean: true,
    keepalive: 10,
    connectTimeout: 4000,
    clientId: deviceId,
    username: deviceId,
    password: token,
    reconnectPeriod: 0,
    will: { topic: 'error', payload: payload, qos: 0, retain: false },
    mac: 'aa:bb',
  })
  return deviceClient
}`;

describe('mqtt.js code import, always a draft (issue 13 #4)', () => {
  it('gives a draft when the URL is a variable, keeping every literal', () => {
    const { draft } = parseMqttjsCode(URL_AS_VARIABLE);
    expect(draft).not.toBeNull();
    expect(draft?.name).toBe('deviceClient');
    expect(draft?.options).toMatchObject({
      host: '',
      clean: true,
      keepaliveSeconds: 10,
      connectTimeoutMs: 4000,
      reconnect: { maxAttempts: 0 },
      will: { topic: 'error', payload: '', qos: 0, retain: false },
    });
    expect(draft?.options.username).toBeUndefined();
    expect(draft?.secrets).toEqual({});
    // Each computed value: its field, its expression, and the expression's own position.
    expect(draft?.fromCode).toEqual([
      { field: 'host', expression: 'url', position: { line: 4, column: 37 } },
      { field: 'port', expression: 'url', position: { line: 4, column: 37 } },
      { field: 'transport', expression: 'url', position: { line: 4, column: 37 } },
      { field: 'clientId', expression: 'deviceId', position: { line: 8, column: 15 } },
      { field: 'username', expression: 'deviceId', position: { line: 9, column: 15 } },
      { field: 'password', expression: 'token', position: { line: 10, column: 15 } },
      { field: 'will.payload', expression: 'payload', position: { line: 12, column: 38 } },
    ]);
  });

  it('lists the blocking problem first, at the variable, then warnings, then notes', () => {
    const { lint } = parseMqttjsCode(URL_AS_VARIABLE);
    expect(lint[0]).toMatchObject({ severity: 'error', code: 'not-literal', line: 4, column: 37 });
    expect(lint[0]?.message).toMatch(
      /^`url` is computed when the code runs: the host and port are left empty and the transport is a guess.*before saving\.$/,
    );
    expect(lint.filter((l) => l.severity === 'error')).toHaveLength(1);
    expect(inOrder(lint)).toBe(true);
    expect(lint.map((l) => [l.severity, l.code, l.line])).toEqual([
      ['error', 'not-literal', 4],
      ['warning', 'not-literal', 9],
      ['warning', 'not-literal', 10],
      ['warning', 'not-literal', 12],
      ['warning', 'unknown-option', 13],
      ['info', 'not-literal', 8],
    ]);
    // No message speaks of a will "left out" any more: it is there, with its topic.
    expect(lint.some((l) => /will is left out/.test(l.message))).toBe(false);
  });

  it('keeps a literal will topic when the payload is computed, with a literal URL', () => {
    const { draft, lint } = parseMqttjsCode(
      "const sensor = mqtt.connect('mqtt://plant.local', { will: { topic: 'plant/offline', payload: JSON.stringify(state), qos: 1 } })",
    );
    expect(draft?.options.will).toMatchObject({ topic: 'plant/offline', payload: '', qos: 1 });
    expect(draft?.fromCode).toEqual([
      { field: 'will.payload', expression: 'JSON.stringify(state)', position: { line: 1, column: 94 } },
    ]);
    expect(lint[0]).toMatchObject({ severity: 'warning', line: 1, column: 94 });
  });

  it('keeps a literal will payload when the topic is computed', () => {
    const { draft } = parseMqttjsCode(
      "mqtt.connect('mqtt://plant.local', { will: { topic: `status/${id}`, payload: 'gone', retain: true } })",
    );
    expect(draft?.options.will).toMatchObject({ topic: '', payload: 'gone', retain: true });
    expect(draft?.fromCode.map((f) => f.field)).toEqual(['will.topic']);
  });

  it.each([
    ['wx', 'ws', 'WeChat'],
    ['wxs', 'wss', 'WeChat'],
    ['ali', 'ws', 'Alipay'],
    ['alis', 'wss', 'Alipay'],
  ])('maps %s:// to %s with a note', (scheme, transport, runtime) => {
    const { draft, lint } = parseMqttjsCode(`mqtt.connect('${scheme}://mp.example.com:8084/mqtt')`);
    expect(draft?.options).toMatchObject({ transport, host: 'mp.example.com', port: 8084, path: '/mqtt' });
    expect(lint).toContainEqual(
      expect.objectContaining({
        severity: 'info',
        code: 'scheme',
        message: expect.stringContaining(runtime),
      }),
    );
  });

  it('gives mqtts:// no WebSocket path', () => {
    const { draft } = parseMqttjsCode("mqtt.connect('mqtts://secure.example.com:8883')");
    expect(draft?.options).toMatchObject({ transport: 'mqtts', host: 'secure.example.com', port: 8883 });
    expect(draft?.options.path).toBeUndefined();
  });

  it('names the draft after the variable, else the client ID, else the host', () => {
    const named = (code: string) => parseMqttjsCode(code).draft?.name;
    expect(named("const deviceClient = mqtt.connect('mqtt://h.example')")).toBe('deviceClient');
    expect(named("this.gateway = mqtt.connect('mqtt://h.example')")).toBe('gateway');
    expect(named("const client = await mqtt.connectAsync('mqtt://h.example', { clientId: 'gw-7' })")).toBe(
      'gw-7',
    );
    expect(named("const client = mqtt.connect('mqtt://h.example')")).toBe('h.example');
  });
});
