/** Pasted mqtt.js code → a profile draft and a lint report; the text is parsed, never run. */
import { describe, expect, it } from 'vitest';
import type { LintItem } from '../../../electron/contract';
import { parseMqttjsCode } from '../../support/mqttjs-english';

function codes(lint: LintItem[]): string[] {
  return lint.map((l) => l.code);
}

describe('mqtt.js code import', () => {
  it('1. reads the classic front-end snippet with a template client ID', () => {
    const { draft, lint } = parseMqttjsCode(`
      import mqtt from 'mqtt'
      const clientId = 'mqttjs_' + Math.random().toString(16).substr(2, 8)
      const host = 'ws://broker.emqx.io:8083/mqtt'
      const options = {
        keepalive: 60,
        clientId: clientId,
        protocolId: 'MQTT',
        protocolVersion: 4,
        clean: true,
        reconnectPeriod: 1000,
        connectTimeout: 30 * 1000,
      }
      const client = mqtt.connect(host, options)
    `);
    expect(draft?.options).toMatchObject({
      transport: 'ws',
      host: 'broker.emqx.io',
      port: 8083,
      path: '/mqtt',
      protocolVersion: '3.1.1',
      keepaliveSeconds: 60,
      clean: true,
      clientId: '',
      reconnect: { maxAttempts: 10_000, periodMs: 1000 },
      connectTimeoutMs: 30_000,
    });
    // The random client ID is computed at run time: MQScope makes its own per connection.
    expect(lint).toContainEqual(expect.objectContaining({ code: 'not-literal', severity: 'info', line: 7 }));
    expect(codes(lint)).toEqual(['not-literal', 'defaults']);
    expect(draft?.name).toBe('broker.emqx.io');
  });

  it('2. flags options mqtt.js silently ignores, and non-literal values', () => {
    const { draft, lint } = parseMqttjsCode(`
      const client = mqtt.connect('mqtt://test.mosquitto.org', {
        keepAliveInterval: 30,
        reconnect: true,
        mac: '00:11:22:33:44:55',
        username: user,
        will: { topic: 'dev/1/status', payload: payload, qos: 1 },
      });
    `);
    const unknown = lint.filter((l) => l.code === 'unknown-option');
    expect(unknown.map((l) => l.message)).toEqual([
      expect.stringMatching(/`keepAliveInterval`.*silently ignores.*`keepalive`/),
      expect.stringMatching(/`reconnect`.*reconnectPeriod/),
      expect.stringMatching(/`mac`/),
    ]);
    expect(unknown.map((l) => l.line)).toEqual([3, 4, 5]);
    const nonLiteral = lint.filter((l) => l.code === 'not-literal').map((l) => l.message);
    expect(nonLiteral).toEqual(
      expect.arrayContaining([
        expect.stringContaining('`username`'),
        expect.stringContaining('`will.payload`'),
      ]),
    );
    expect(draft?.options.username).toBeUndefined();
    // Issue 13 #4: the literal will topic and QoS stay; the computed payload is left empty and marked.
    expect(draft?.options.will).toMatchObject({ topic: 'dev/1/status', payload: '', qos: 1 });
    expect(draft?.fromCode).toEqual([
      { field: 'username', expression: 'user', position: { line: 6, column: 19 } },
      { field: 'will.payload', expression: 'payload', position: { line: 7, column: 49 } },
    ]);
    expect(draft?.options).toMatchObject({
      transport: 'mqtt',
      host: 'test.mosquitto.org',
      port: 1883,
      keepaliveSeconds: 60,
    });
  });

  it('3. reads TLS with files, a passphrase and rejectUnauthorized: false (risky)', () => {
    const { draft, lint } = parseMqttjsCode(`
      const fs = require('fs');
      const client = mqtt.connect('mqtts://iot.example.com:8883', {
        ca: fs.readFileSync('/etc/ssl/ca.pem'),
        cert: fs.readFileSync('./client.crt'),
        key: readFileSync('./client.key'),
        passphrase: 'p4ss',
        rejectUnauthorized: false,
        servername: 'iot.example.com',
        ALPNProtocols: ['mqtt'],
        protocolVersion: 5,
      });
    `);
    expect(draft?.options).toMatchObject({
      transport: 'mqtts',
      port: 8883,
      protocolVersion: '5.0',
      tls: {
        verifyServer: false,
        ca: { kind: 'file', path: '/etc/ssl/ca.pem' },
        cert: { kind: 'file', path: './client.crt' },
        key: { kind: 'file', path: './client.key' },
        servername: 'iot.example.com',
        alpnProtocols: ['mqtt'],
      },
    });
    expect(draft?.secrets).toEqual({ passphrase: 'p4ss' });
    expect(lint).toContainEqual(
      expect.objectContaining({ code: 'risky', message: expect.stringContaining('rejectUnauthorized') }),
    );
  });

  it('4. warns about keepalive 0 with a will', () => {
    const { draft, lint } = parseMqttjsCode(
      `mqtt.connect('mqtt://10.0.0.5:1884', { keepalive: 0, will: { topic: 'a/b', payload: 'gone', retain: true } })`,
    );
    expect(draft?.options).toMatchObject({
      host: '10.0.0.5',
      port: 1884,
      keepaliveSeconds: 0,
      will: { topic: 'a/b', payload: 'gone', retain: true, qos: 0 },
    });
    expect(lint).toContainEqual(
      expect.objectContaining({ code: 'risky', message: expect.stringContaining('keepalive: 0') }),
    );
  });

  it.each([
    ['wx', 'ws', 'WeChat'],
    ['wxs', 'wss', 'WeChat'],
    ['alis', 'wss', 'Alipay'],
  ])('5. says %s:// belongs to another runtime and uses %s', (scheme, transport, runtime) => {
    const { draft, lint } = parseMqttjsCode(
      `const client = mqtt.connect('${scheme}://mp.example.com:8084/mqtt', { clientId: 'mp' })`,
    );
    expect(draft?.options).toMatchObject({
      transport,
      host: 'mp.example.com',
      port: 8084,
      path: '/mqtt',
      clientId: 'mp',
    });
    expect(lint).toContainEqual(
      expect.objectContaining({ code: 'scheme', message: expect.stringContaining(runtime) }),
    );
  });

  it('6. reads a bare options object (no call), with host and protocol fields', () => {
    const { draft, lint } = parseMqttjsCode(`{
      host: 'broker.hivemq.com',
      port: 8884,
      protocol: 'wss',
      path: '/mqtt',
      username: 'u',
      password: 'pw-in-code',
      clean: false,
    }`);
    expect(draft?.options).toMatchObject({
      transport: 'wss',
      host: 'broker.hivemq.com',
      port: 8884,
      path: '/mqtt',
      username: 'u',
      clean: false,
    });
    expect(draft?.secrets.password).toBe('pw-in-code');
    expect(codes(lint)).toContain('risky'); // clean: false without a fixed client ID
    expect(lint).toContainEqual(
      expect.objectContaining({
        severity: 'info',
        message: expect.stringContaining('password is written in the code'),
      }),
    );
  });

  it('7. reads connectAsync with MQTT 5 properties and a will with properties', () => {
    const { draft } = parseMqttjsCode(`
      const client = await mqtt.connectAsync('mqtt://localhost', {
        protocolVersion: 5,
        properties: { sessionExpiryInterval: 300, receiveMaximum: 50, userProperties: { app: 'demo' } },
        will: {
          topic: 'clients/demo',
          payload: Buffer.from('deadbeef', 'hex'),
          qos: 2,
          properties: { willDelayInterval: 10, contentType: 'application/octet-stream', correlationData: Buffer.from('abc') },
        },
      });
    `);
    expect(draft?.options).toMatchObject({
      host: 'localhost',
      protocolVersion: '5.0',
      sessionExpirySeconds: 300,
      connectProperties: { receiveMaximum: 50, userProperties: [{ key: 'app', value: 'demo' }] },
      will: {
        topic: 'clients/demo',
        payload: { format: 'hex', text: 'deadbeef' },
        qos: 2,
        properties: {
          willDelayInterval: 10,
          contentType: 'application/octet-stream',
          correlationData: new TextEncoder().encode('abc'),
        },
      },
    });
  });

  it('8. takes credentials from the URL and a bare connect() import', () => {
    const { draft } = parseMqttjsCode(`
      import { connect } from 'mqtt';
      const client = connect('mqtt://alice:s3cret@[::1]:1883');
    `);
    expect(draft?.options).toMatchObject({ host: '[::1]', port: 1883, username: 'alice' });
    expect(draft?.secrets.password).toBe('s3cret');
  });

  it('9. resolves template URLs from constants, and leaves run-time ones to the user', () => {
    const resolved = parseMqttjsCode(
      "const host = 'b.example'; const port = 8083; mqtt.connect(`ws://${host}:${port}/mqtt`)",
    );
    expect(resolved.draft?.options).toMatchObject({ transport: 'ws', host: 'b.example', port: 8083 });
    const dynamic = parseMqttjsCode('mqtt.connect(`wss://${location.host}/mqtt`, { keepalive: 20 })');
    // Issue 13 #4: still a draft, the URL's fields marked "from code".
    expect(dynamic.draft?.options).toMatchObject({ host: '', keepaliveSeconds: 20 });
    expect(dynamic.draft?.fromCode.map((f) => f.field)).toEqual(['host', 'port', 'transport']);
    expect(dynamic.draft?.fromCode[0]?.expression).toBe('`wss://${location.host}/mqtt`');
    expect(codes(dynamic.lint)).toEqual(['not-literal', 'defaults']);
    expect(dynamic.lint[0]?.severity).toBe('error');
  });

  it('10. never runs the code', () => {
    const marker = globalThis as { pwned?: boolean };
    const { draft } = parseMqttjsCode(`
      globalThis.pwned = true;
      (() => { globalThis.pwned = true })();
      mqtt.connect('mqtt://safe.example', { clientId: (globalThis.pwned = true, 'x') });
    `);
    expect(marker.pwned).toBeUndefined();
    expect(draft?.options.host).toBe('safe.example');
  });

  it('11. reports syntax errors with a position, and code with nothing to read', () => {
    const broken = parseMqttjsCode("mqtt.connect('mqtt://x', { port: 1883,, })");
    expect(broken.draft).toBeNull();
    expect(broken.lint[0]).toMatchObject({ severity: 'error', code: 'syntax', line: 1 });
    const typescript = parseMqttjsCode("const options: IClientOptions = { host: 'x' }");
    expect(typescript.lint[0]?.message).toMatch(/TypeScript/);
    const nothing = parseMqttjsCode('console.log("hello")');
    expect(nothing).toEqual({ draft: null, lint: [expect.objectContaining({ code: 'not-found' })] });
  });

  it('12. notes real mqtt.js options MQScope does not use, and unknown schemes', () => {
    const { draft, lint } = parseMqttjsCode(
      "mqtt.connect('tcp://a.example', { queueQoSZero: false, resubscribe: true, cleanSession: false })",
    );
    expect(draft?.options.transport).toBe('mqtt');
    expect(lint.filter((l) => l.code === 'not-used')).toHaveLength(2);
    expect(lint).toContainEqual(
      expect.objectContaining({ code: 'unknown-option', message: expect.stringContaining('`clean`') }),
    );
    const bad = parseMqttjsCode("mqtt.connect('http://a.example')");
    expect(bad.draft?.options.host).toBe('');
    expect(bad.lint[0]).toMatchObject({ code: 'scheme', severity: 'error' });
  });

  it('13. drops a will whose topic breaks MQTT rules, and says so', () => {
    const { draft, lint } = parseMqttjsCode(
      "mqtt.connect('mqtt://a.example', { will: { topic: 'bad/#', payload: 'x' } })",
    );
    expect(draft?.options.will).toBeUndefined();
    expect(lint).toContainEqual(
      expect.objectContaining({ code: 'invalid', message: expect.stringMatching(/^will\.topic/) }),
    );
  });
});
