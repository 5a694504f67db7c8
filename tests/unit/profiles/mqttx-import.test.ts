/** MQTTX's JSON export, from a fixture written to its documented shape. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMqttxExport } from '../../../electron/engine/profiles/mqttx-import';
import { englishOf } from '../../support/english';

const fixture = readFileSync(new URL('../../fixtures/mqttx-export.json', import.meta.url), 'utf8');

describe('MQTTX import', () => {
  const { candidates, failed } = readMqttxExport(fixture, 'MQTTX');
  const byName = new Map(candidates.map((c) => [c.name, c]));

  it('maps a plain TCP connection, treating empty placeholders as unset', () => {
    const plain = byName.get('EMQX public (TCP)');
    expect(plain?.folder).toBe('MQTTX');
    expect(plain?.options).toMatchObject({
      transport: 'mqtt',
      host: 'broker.emqx.io',
      port: 1883,
      protocolVersion: '3.1.1',
      clientId: 'mqttx_4f2a9c01',
      keepaliveSeconds: 60,
      connectTimeoutMs: 10_000,
      clean: true,
      reconnect: { maxAttempts: 0 },
    });
    expect(plain?.options.username).toBeUndefined();
    expect(plain?.options.will).toBeUndefined();
    expect(plain?.options.connectProperties).toBeUndefined();
    expect(plain?.secrets).toEqual({});
    // Issue 13 #3: subscriptions come along; nothing was left out, so nothing is reported.
    expect(plain?.subscriptions).toEqual([
      {
        filter: 'testtopic/#',
        options: { qos: 0, noLocal: false, retainAsPublished: false, retainHandling: 0 },
      },
      {
        filter: 'devices/+/status',
        options: { qos: 1, noLocal: false, retainAsPublished: false, retainHandling: 0 },
      },
    ]);
    expect(plain?.notes).toEqual([]);
  });

  it('maps TLS, the will with MQTT 5 properties, CONNECT properties and secrets', () => {
    const tls = byName.get('Factory TLS (MQTT 5)');
    expect(tls?.options).toMatchObject({
      transport: 'mqtts',
      host: 'factory.example.com',
      port: 8883,
      protocolVersion: '5.0',
      clean: false,
      username: 'gateway',
      keepaliveSeconds: 30,
      connectTimeoutMs: 5000,
      reconnect: { maxAttempts: 10, periodMs: 2000 },
      sessionExpirySeconds: 7200,
      tls: {
        verifyServer: false,
        ca: { kind: 'file', path: '/home/me/certs/ca.crt' },
        cert: { kind: 'file', path: '/home/me/certs/client.crt' },
        alpnProtocols: ['mqtt'],
      },
      will: {
        topic: 'factory/line-7/status',
        payload: { format: 'text', text: '{"online":false}' },
        qos: 1,
        retain: true,
        properties: {
          willDelayInterval: 5,
          payloadFormatIndicator: true,
          messageExpiryInterval: 3600,
          contentType: 'application/json',
          correlationData: new TextEncoder().encode('req-42'),
          userProperties: [
            { key: 'site', value: 'north' },
            { key: 'tags', value: 'a' },
            { key: 'tags', value: 'b' },
          ],
        },
      },
      connectProperties: {
        receiveMaximum: 100,
        topicAliasMaximum: 10,
        requestResponseInformation: true,
        requestProblemInformation: true,
        userProperties: [{ key: 'app', value: 'mqttx' }],
      },
    });
    expect(tls?.options.will?.properties?.responseTopic).toBeUndefined();
    expect(tls?.options.tls?.key).toBeUndefined();
    expect(tls?.secrets).toEqual({
      password: 'factory-Pa55-word',
      keyPem: expect.stringContaining('BEGIN PRIVATE KEY'),
    });
    expect(tls?.notes.map((n) => n.field).sort()).toEqual(['messages', 'properties.authenticationMethod']);
  });

  it('drops what does not fit, and says why', () => {
    const wss = byName.get('Mini-program WSS');
    expect(wss?.options).toMatchObject({
      transport: 'wss',
      port: 8084,
      path: '/mqtt',
      keepaliveSeconds: 0,
      clientId: 'wx_client',
    });
    expect(wss?.options.username).toBeUndefined();
    expect(wss?.secrets).toEqual({});
    expect(wss?.options.will).toBeUndefined();
    const notes = new Map(wss?.notes.map((n) => [n.field, englishOf(n.text)]));
    expect(notes.get('clientIdWithTime')).toMatch(/_<time>/);
    expect(notes.get('trafficShaping')).toMatch(/Not an option MQScope knows/);
    expect([...notes.keys()].some((k) => k.startsWith('will'))).toBe(true);
  });

  it('puts collections in folders', () => {
    expect(byName.get('ACME staging')).toMatchObject({
      folder: 'MQTTX/Customer ACME',
      options: { transport: 'ws', host: 'staging.acme.example', port: 8083, path: '/mqtt', username: 'acme' },
      secrets: { password: 'acme-staging-pw' },
    });
  });

  it('reports a connection that cannot be used at all', () => {
    expect(failed).toEqual([
      {
        name: 'Broken',
        profileId: null,
        outcome: 'failed',
        notes: [expect.objectContaining({ field: 'host' })],
      },
    ]);
    expect(candidates).toHaveLength(4);
  });

  it('refuses what is not an MQTTX export', () => {
    expect(() => readMqttxExport('{ "broken": ', '')).toThrow(/neither JSON nor YAML/);
    expect(() => readMqttxExport('[]', '')).toThrow(/no connections/);
    expect(() => readMqttxExport('42', '')).toThrow(/list of connections/);
    expect(() => readMqttxExport('not an export', '')).toThrow(/list of connections/);
  });
});
