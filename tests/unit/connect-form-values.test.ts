/**
 * The connection form as a value: every option of ConnectOptions survives the trip
 * form → options → form, and each mistake gets its sentence on the right field.
 */
import { describe, expect, it } from 'vitest';
import { ConnectOptionsSchema, type ConnectOptions } from '../../electron/contract';
import {
  DEFAULT_FORM,
  SECTION_OF,
  fieldForIssuePath,
  fromConnectOptions,
  toConnectOptions,
  type ConnectFormValues,
} from '../../src/connections/connect-form-values';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function ok(values: ConnectFormValues): ConnectOptions {
  const result = toConnectOptions(values);
  if (!result.ok) throw new Error(`Expected valid options, got ${JSON.stringify(result.problems)}`);
  return result.options;
}

function problems(values: Partial<ConnectFormValues>) {
  const result = toConnectOptions({ ...DEFAULT_FORM, ...values });
  if (result.ok) throw new Error('Expected problems, the form was accepted.');
  return result.problems;
}

/** Every option set, over TLS, MQTT 5. */
const everything: ConnectOptions = {
  transport: 'wss',
  host: 'broker.example.com',
  port: 8084,
  path: '/mqtt/v2',
  wsHeaders: [
    { key: 'Authorization', value: 'Bearer x' },
    { key: 'X-Tenant', value: 'a' },
  ],
  protocolVersion: '5.0',
  clientId: 'dev-1',
  username: 'alice',
  password: 'secret',
  tls: {
    ca: { kind: 'pem', pem: PEM },
    cert: { kind: 'file', path: '/etc/certs/client.crt' },
    key: { kind: 'file', path: '/etc/certs/client.key' },
    passphrase: 'pw',
    servername: 'sni.example.com',
    alpnProtocols: ['mqtt', 'x-amzn-mqtt-ca'],
    verifyServer: false,
  },
  clean: false,
  sessionExpirySeconds: 3600,
  keepaliveSeconds: 30,
  connectTimeoutMs: 5500,
  reconnect: { maxAttempts: 5, periodMs: 1500 },
  will: {
    topic: 'devices/1/status',
    payload: { format: 'json', text: '{"online":false}' },
    qos: 1,
    retain: true,
    properties: {
      willDelayInterval: 10,
      messageExpiryInterval: 60,
      contentType: 'application/json',
      responseTopic: 'devices/1/reply',
      correlationData: new Uint8Array([0x0a, 0xff]),
      payloadFormatIndicator: true,
      userProperties: [
        { key: 'k', value: '1' },
        { key: 'k', value: '2' },
      ],
    },
  },
  connectProperties: {
    receiveMaximum: 100,
    maximumPacketSize: 1_048_576,
    topicAliasMaximum: 10,
    requestResponseInformation: true,
    requestProblemInformation: false,
    userProperties: [{ key: 'app', value: 'mqscope' }],
  },
};

describe('toConnectOptions', () => {
  it('turns the default form into valid options for a local broker', () => {
    const options = ok(DEFAULT_FORM);
    expect(ConnectOptionsSchema.safeParse(options).success).toBe(true);
    expect(options).toMatchObject({
      transport: 'mqtt',
      host: '127.0.0.1',
      port: 1883,
      protocolVersion: '5.0',
    });
    // Nothing that was not asked for: no TLS, no will, no credentials, no path for TCP.
    expect(options).not.toHaveProperty('tls');
    expect(options).not.toHaveProperty('will');
    expect(options).not.toHaveProperty('username');
    expect(options).not.toHaveProperty('path');
    expect(options).not.toHaveProperty('connectProperties');
  });

  it('round-trips every option through the form', () => {
    const form = fromConnectOptions(everything);
    expect(ok(form)).toEqual(everything);
  });

  it('round-trips a will given as raw bytes as hex', () => {
    const form = fromConnectOptions({
      ...everything,
      will: { topic: 't', payload: { format: 'bytes', bytes: new Uint8Array([1, 2, 255]) } },
    });
    expect(form.willFormat).toBe('hex');
    expect(form.willPayload).toBe('0102ff');
    expect(ok(form).will?.payload).toEqual({ format: 'hex', text: '0102ff' });
  });

  it('leaves out MQTT 5 options for MQTT 3.1.1, and TLS for plain TCP', () => {
    const form = {
      ...fromConnectOptions(everything),
      protocolVersion: '3.1.1' as const,
      transport: 'mqtt' as const,
    };
    const options = ok(form);
    expect(options).not.toHaveProperty('connectProperties');
    expect(options).not.toHaveProperty('sessionExpirySeconds');
    expect(options).not.toHaveProperty('tls');
    expect(options).not.toHaveProperty('wsHeaders');
    expect(options.will).toEqual({
      topic: 'devices/1/status',
      payload: { format: 'json', text: '{"online":false}' },
      qos: 1,
      retain: true,
    });
  });

  it('converts seconds as typed to the contract milliseconds', () => {
    const options = ok({ ...DEFAULT_FORM, connectTimeout: '0.5', reconnectPeriod: '2.25' });
    expect(options.connectTimeoutMs).toBe(500);
    expect(options.reconnect).toEqual({ maxAttempts: 0, periodMs: 2250 });
  });

  it('skips empty key/value rows and keeps repeated names in order', () => {
    const options = ok({
      ...DEFAULT_FORM,
      userProperties: [
        { key: 'a', value: '1' },
        { key: '', value: '' },
        { key: 'a', value: '2' },
      ],
    });
    expect(options.connectProperties?.userProperties).toEqual([
      { key: 'a', value: '1' },
      { key: 'a', value: '2' },
    ]);
  });
});

describe('inline validation', () => {
  it('checks the port range', () => {
    expect(problems({ port: '0' }).port).toMatch(/1 to 65535/);
    expect(problems({ port: '65536' }).port).toMatch(/1 to 65535/);
    expect(problems({ port: '18a3' }).port).toMatch(/1 to 65535/);
    expect(problems({ port: '' }).port).toMatch(/1 to 65535/);
  });

  it('checks keepalive 0–65535 and accepts 0', () => {
    expect(problems({ keepalive: '65536' }).keepalive).toMatch(/0 to 65535/);
    expect(problems({ keepalive: '-1' }).keepalive).toMatch(/0 to 65535/);
    expect(ok({ ...DEFAULT_FORM, keepalive: '0' }).keepaliveSeconds).toBe(0);
  });

  it('applies topic rules to the will topic, and asks for one when a payload is given', () => {
    expect(problems({ willTopic: 'a/#' }).willTopic).toBe(
      'A will topic cannot contain the wildcards + or #.',
    );
    expect(problems({ willPayload: 'bye' }).willTopic).toBe('The will topic is empty.');
  });

  it('checks a JSON will payload and says where it breaks', () => {
    const found = problems({ willTopic: 't', willFormat: 'json', willPayload: '{"online": fals' });
    expect(found.willPayload).toMatch(/not valid JSON/);
    expect(
      ok({ ...DEFAULT_FORM, willTopic: 't', willFormat: 'json', willPayload: '{"online":false}' }).will,
    ).toBeDefined();
  });

  it('checks hex and base64 will payloads with positions', () => {
    expect(problems({ willTopic: 't', willFormat: 'hex', willPayload: '0g' }).willPayload).toMatch(
      /position 2/,
    );
    expect(problems({ willTopic: 't', willFormat: 'base64', willPayload: 'abc' }).willPayload).toMatch(
      /base64/i,
    );
  });

  it('requires PEM shape for pasted certificates, but not for file paths', () => {
    const tls = { transport: 'mqtts' as const };
    expect(problems({ ...tls, ca: { mode: 'pem', text: 'MIIB...' } }).ca).toMatch(/-----BEGIN/);
    expect(ok({ ...DEFAULT_FORM, ...tls, ca: { mode: 'file', text: '/etc/ca.pem' } }).tls?.ca).toEqual({
      kind: 'file',
      path: '/etc/ca.pem',
    });
    expect(ok({ ...DEFAULT_FORM, ...tls, ca: { mode: 'pem', text: PEM } }).tls).toEqual({
      verifyServer: true,
      ca: { kind: 'pem', pem: PEM },
    });
  });

  it('wants a client certificate and its key together', () => {
    const found = problems({ transport: 'mqtts', key: { mode: 'pem', text: PEM } });
    expect(found.cert).toMatch(/needs its client certificate/);
  });

  it('refuses header names that HTTP would refuse', () => {
    const found = problems({ transport: 'ws', wsHeaders: [{ key: 'Bad Header', value: 'x' }] });
    expect(found.wsHeaders).toMatch(/Row 1: "Bad Header" is not a valid header name/);
  });

  it('refuses a user property value without a name', () => {
    expect(problems({ userProperties: [{ key: '', value: 'v' }] }).userProperties).toMatch(/needs a name/);
  });

  it('uses the contract sentences for what only the schema knows', () => {
    expect(problems({ host: 'mqtt://broker' }).host).toMatch(/without scheme/);
    expect(problems({ transport: 'ws', path: 'mqtt' }).path).toMatch(/starts with "\/"/);
  });

  it('checks MQTT 5 property ranges', () => {
    expect(problems({ receiveMaximum: '0' }).receiveMaximum).toMatch(/1 to 65535/);
    expect(problems({ sessionExpiry: '4294967296' }).sessionExpiry).toMatch(/whole number/);
    expect(problems({ willTopic: 't', willCorrelationData: 'xyz' }).willCorrelationData).toMatch(/hex digit/);
  });
});

describe('field mapping', () => {
  it('maps contract issue paths to form fields', () => {
    expect(fieldForIssuePath('will.topic')).toBe('willTopic');
    expect(fieldForIssuePath(['tls', 'ca', 'pem'])).toBe('ca');
    expect(fieldForIssuePath('connectProperties.userProperties.0.key')).toBe('userProperties');
    expect(fieldForIssuePath('reconnect.periodMs')).toBe('reconnectPeriod');
    expect(fieldForIssuePath('nonsense')).toBeUndefined();
  });

  it('puts every field in a section', () => {
    expect(Object.keys(SECTION_OF).sort()).toEqual(Object.keys(DEFAULT_FORM).sort());
  });
});
