/**
 * Issue 13 #3: MQTTX import, exact. Fixtures follow MQTTX's own export code
 * (emqx/MQTTX src/database/services/ConnectionService.ts `entityToModel`,
 * src/utils/importExportTypes.ts `replaceSpecialDataTypes`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RequestInput, RequestName, RequestResult } from '../../../electron/contract';
import { createEngine } from '../../../electron/engine';
import { readMqttxExport } from '../../../electron/engine/profiles/mqttx-import';
import { MQTTX_PLACEHOLDERS } from '../../../electron/engine/profiles/mqttx-values';
import { createDispatch } from '../../../electron/host/dispatch';
import { tempDataDir } from './helpers';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

/** Every string anywhere in a value (to look for a placeholder that slipped through). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value instanceof Uint8Array) return [new TextDecoder().decode(value)];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const MQTT5_OPTIONS = {
  transport: 'wss',
  host: 'line9.example.com',
  port: 8084,
  path: '/ws',
  protocolVersion: '5.0',
  clientId: 'line-9-gateway',
  username: 'line9',
  clean: false,
  keepaliveSeconds: 45,
  connectTimeoutMs: 7000,
  reconnect: { maxAttempts: 10, periodMs: 2500 },
  sessionExpirySeconds: 86400,
  tls: {
    verifyServer: true,
    alpnProtocols: ['mqtt', 'x-amzn-mqtt-ca'],
    ca: { kind: 'file', path: '/home/me/certs/line9-ca.pem' },
    cert: { kind: 'file', path: '/home/me/certs/line9.pem' },
    key: { kind: 'file', path: '/home/me/certs/line9.key' },
  },
  will: {
    topic: 'line9/status',
    payload: { format: 'text', text: 'offline' },
    qos: 2,
    retain: true,
    properties: {
      willDelayInterval: 30,
      payloadFormatIndicator: true,
      messageExpiryInterval: 600,
      contentType: 'text/plain',
      responseTopic: 'line9/status/ack',
      correlationData: new TextEncoder().encode('corr-9'),
      userProperties: [
        { key: 'origin', value: 'gateway' },
        { key: 'zone', value: 'a' },
        { key: 'zone', value: 'b' },
      ],
    },
  },
  connectProperties: {
    receiveMaximum: 20,
    maximumPacketSize: 1048576,
    topicAliasMaximum: 16,
    requestResponseInformation: true,
    requestProblemInformation: false,
    userProperties: [
      { key: 'fleet', value: 'north' },
      { key: 'rev', value: '1' },
      { key: 'rev', value: '2' },
    ],
  },
};

const MQTT5_SUBSCRIPTIONS = [
  {
    filter: 'line9/+/telemetry',
    options: { qos: 1, noLocal: true, retainAsPublished: true, retainHandling: 2, subscriptionIdentifier: 7 },
    alias: 'Telemetry',
    color: '#34C388',
  },
  {
    filter: 'line9/alarms/#',
    options: { qos: 2, noLocal: false, retainAsPublished: false, retainHandling: 1 },
    color: '#E6A23C',
  },
  {
    filter: '$SYS/#',
    options: { qos: 0, noLocal: false, retainAsPublished: false, retainHandling: 0 },
    color: '#A077E8',
  },
];

describe('MQTTX import, exact (issue 13 #3)', () => {
  it('turns every MQTTX placeholder in every field into "not set", and reports nothing', () => {
    const text = fixture('mqttx-placeholders.json');
    // The fixture really holds every placeholder MQTTX defines.
    for (const placeholder of MQTTX_PLACEHOLDERS.keys()) expect(text).toContain(`"${placeholder}"`);
    const { candidates, failed } = readMqttxExport(text, 'MQTTX');
    expect(failed).toEqual([]);
    const [only] = candidates;
    expect(candidates).toHaveLength(1);
    const found = strings(only).filter((s) => MQTTX_PLACEHOLDERS.has(s));
    expect(found).toEqual([]);
    expect(only?.options.username).toBeUndefined();
    expect(only?.secrets).toEqual({});
    // TLS is on (mqtts) but no CA, certificate, key or ALPN was set.
    expect(only?.options.tls).toEqual({ verifyServer: true });
    expect(only?.options.will).toBeUndefined();
    expect(only?.options.connectProperties).toBeUndefined();
    expect(only?.options.sessionExpirySeconds).toBeUndefined();
    expect(only?.subscriptions).toEqual([
      { filter: 'plant/#', options: { qos: 1, noLocal: false, retainAsPublished: false, retainHandling: 0 } },
    ]);
    // Only real omissions are reported: here there are none (no "Certificates were set").
    expect(only?.notes).toEqual([]);
  });

  it('with TLS off, placeholder certificate fields say nothing; real ones are reported', () => {
    const base = JSON.parse(fixture('mqttx-placeholders.json')) as Record<string, unknown>[];
    const plain = { ...base[0], protocol: 'mqtt', ssl: false, name: 'Plain' };
    const withFiles = { ...plain, name: 'Files', ca: '/etc/ca.pem', key: 'EMPTY_STRING' };
    const { candidates } = readMqttxExport(JSON.stringify([plain, withFiles]), '');
    expect(candidates[0]?.notes).toEqual([]);
    expect(candidates[1]?.notes).toEqual([{ field: 'ca', text: { key: 'importNote.tlsOff', params: {} } }]);
  });

  it('maps every MQTT 5 CONNECT and will property, and the subscriptions with their options', () => {
    const { candidates, failed } = readMqttxExport(fixture('mqttx-mqtt5.json'), 'MQTTX');
    expect(failed).toEqual([]);
    const [line9] = candidates;
    expect(line9?.options).toEqual(expect.objectContaining(MQTT5_OPTIONS));
    expect(line9?.secrets).toEqual({ password: 'line9-secret' });
    expect(line9?.subscriptions).toEqual(MQTT5_SUBSCRIPTIONS);
    // The one thing MQScope cannot keep: MQTTX's paused state.
    expect(line9?.notes).toEqual([
      {
        field: 'subscriptions',
        text: { key: 'importNote.paused', params: { topics: expect.stringMatching(/\$SYS\/#/) } },
      },
    ]);
  });

  it('reads the YAML export to the same profile', () => {
    const fromJson = readMqttxExport(fixture('mqttx-mqtt5.json'), 'MQTTX');
    const fromYaml = readMqttxExport(fixture('mqttx-mqtt5.yaml'), 'MQTTX');
    expect(fromYaml).toEqual(fromJson);
  });

  it('reads the flat entity shape (properties at the top, will properties in the will)', () => {
    const flat = {
      name: 'Flat',
      clientId: 'flat-1',
      protocol: 'mqtt',
      host: 'flat.example',
      port: 1883,
      mqttVersion: '5.0',
      clean: true,
      sessionExpiryInterval: 60,
      receiveMaximum: 5,
      topicAliasMaximum: 3,
      requestResponseInformation: true,
      requestProblemInformation: true,
      userProperties: '{"k":"v"}',
      pushPropsContentType: 'application/json',
      will: {
        lastWillTopic: 'flat/will',
        lastWillPayload: 'gone',
        lastWillQos: 1,
        lastWillRetain: false,
        willDelayInterval: 9,
        payloadFormatIndicator: true,
        contentType: 'text/plain',
        userProperties: '{"w":["1","2"]}',
      },
    };
    const [one] = readMqttxExport(JSON.stringify([flat]), '').candidates;
    expect(one?.options).toMatchObject({
      sessionExpirySeconds: 60,
      connectProperties: {
        receiveMaximum: 5,
        topicAliasMaximum: 3,
        requestResponseInformation: true,
        requestProblemInformation: true,
        userProperties: [{ key: 'k', value: 'v' }],
      },
      will: {
        topic: 'flat/will',
        properties: {
          willDelayInterval: 9,
          payloadFormatIndicator: true,
          contentType: 'text/plain',
          userProperties: [
            { key: 'w', value: '1' },
            { key: 'w', value: '2' },
          ],
        },
      },
    });
    // Only the publish defaults, which a profile does not keep, are reported.
    expect(one?.notes).toEqual([
      { field: 'pushPropsContentType', text: { key: 'importNote.pushProps', params: {} } },
    ]);
  });

  it('reads js-yaml’s !!binary (how it writes a Buffer) as bytes, and reports AUTH data as left out', () => {
    const yaml = [
      '- name: Binary',
      '  host: bin.example',
      '  port: 1883',
      "  mqttVersion: '5.0'",
      '  will:',
      '    lastWillTopic: bin/will',
      '    lastWillPayload: x',
      '    properties:',
      '      correlationData: !!binary AQID',
      '  properties:',
      '    authenticationData: !!binary AQID',
      '',
    ].join('\n');
    const [one] = readMqttxExport(yaml, '').candidates;
    expect(one?.options.will?.properties?.correlationData).toEqual(new Uint8Array([1, 2, 3]));
    expect(one?.notes).toEqual([
      { field: 'properties.authenticationMethod', text: { key: 'importNote.noAuth', params: {} } },
    ]);
  });

  it('sends "never expires" where MQTTX does: MQTT 5, clean start off, no session expiry', () => {
    const [one] = readMqttxExport(
      JSON.stringify([{ name: 'S', host: 'h', port: 1883, mqttVersion: '5.0', clean: false }]),
      '',
    ).candidates;
    expect(one?.options.sessionExpirySeconds).toBe(0xffff_ffff);
  });

  it('names the formats it does not read', () => {
    expect(() => readMqttxExport('<?xml version="1.0"?>\n<root></root>', '')).toThrow(/XML.*JSON or YAML/);
    expect(() =>
      readMqttxExport('client_id,connection_name,topic,payload,qos\n"a","b","t","p",0\n', ''),
    ).toThrow(/CSV.*JSON or YAML/);
  });

  it('stores the subscriptions with the imported profile', async () => {
    const dispatch = createDispatch(
      createEngine({ host: 'web', version: 'test' }, { dataDir: tempDataDir() }).handlers,
    );
    const call = async <N extends RequestName>(name: N, input: RequestInput<N>) => {
      const envelope = await dispatch(name, input);
      if (!envelope.ok) throw new Error(envelope.error.message);
      return envelope.value as RequestResult<N>;
    };
    const result = await call('profiles.importMqttx', { text: fixture('mqttx-mqtt5.json') });
    expect(result.status).toBe('done');
    const { profiles } = await call('profiles.list', {});
    expect(profiles[0]?.subscriptions).toEqual(MQTT5_SUBSCRIPTIONS);
    // MQScope's own export carries them on: export, import as a copy, nothing lost.
    const exported = await call('profiles.export', { scope: { kind: 'all' } });
    const again = await call('profiles.import', { text: exported.text, onConflict: 'copy' });
    expect(again.status).toBe('done');
    const after = await call('profiles.list', {});
    expect(after.profiles.map((p) => p.subscriptions)).toEqual([MQTT5_SUBSCRIPTIONS, MQTT5_SUBSCRIPTIONS]);
  });
});
