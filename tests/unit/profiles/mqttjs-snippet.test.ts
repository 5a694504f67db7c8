/**
 * Profile → mqtt.js snippet → acorn → options: the snippet says what the profile says.
 * Secrets never appear in it; they are read from named environment variables.
 */
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { encodePayload, type ParsedProfileOptions, type ProfileOptions } from '../../../electron/contract';
import { parseMqttjsCode } from '../../support/mqttjs-english';
import { profileToMqttjs } from '../../../electron/engine/profiles/mqttjs-code/snippet';
import { options } from './helpers';

/** What a connection does, ignoring how a value was written (payload text vs bytes, implied TLS defaults). */
function behaviour(o: ParsedProfileOptions) {
  const tlsOn = o.transport === 'mqtts' || o.transport === 'wss';
  const wsOn = o.transport === 'ws' || o.transport === 'wss';
  const v5 = o.protocolVersion === '5.0';
  const will = o.will && {
    ...o.will,
    payload: encodePayload(o.will.payload),
    properties: v5 ? o.will.properties : undefined,
  };
  return {
    ...o,
    path: wsOn ? o.path : undefined,
    tls: tlsOn ? (o.tls ?? { verifyServer: true }) : undefined,
    wsHeaders: wsOn ? o.wsHeaders : undefined,
    sessionExpirySeconds: v5 ? o.sessionExpirySeconds : undefined,
    connectProperties: v5 ? o.connectProperties : undefined,
    will,
  };
}

const NO_SECRETS = { password: false, passphrase: false, keyPem: false };

const profiles: [string, ProfileOptions][] = [
  ['plain TCP, defaults', { transport: 'mqtt', host: 'localhost', port: 1883 }],
  [
    'MQTT 3.1.1 with a will and keepalive 10',
    {
      transport: 'mqtt',
      host: '10.1.2.3',
      port: 1884,
      protocolVersion: '3.1.1',
      clientId: 'dev-"7"',
      username: "o'brien",
      keepaliveSeconds: 10,
      clean: false,
      will: {
        topic: 'dev/7/status',
        payload: { format: 'json', text: '{"online":false}' },
        qos: 1,
        retain: true,
      },
    },
  ],
  ['MQTT 3.1', { transport: 'mqtt', host: 'old.example', port: 1883, protocolVersion: '3.1' }],
  [
    'MQTT 5 over WSS with everything',
    {
      transport: 'wss',
      host: 'broker.example.com',
      port: 8084,
      path: '/ws/mqtt',
      protocolVersion: '5.0',
      clientId: 'web-console',
      keepaliveSeconds: 45,
      connectTimeoutMs: 5000,
      reconnect: { maxAttempts: 10_000, periodMs: 2500 },
      sessionExpirySeconds: 600,
      wsHeaders: [{ key: 'X-Tenant', value: 'acme' }],
      tls: {
        verifyServer: false,
        ca: { kind: 'file', path: '/etc/ca.pem' },
        cert: { kind: 'pem', pem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' },
        key: { kind: 'file', path: '/etc/client.key' },
        servername: 'sni.example.com',
        alpnProtocols: ['mqtt'],
      },
      will: {
        topic: 'web/console',
        payload: { format: 'bytes', bytes: new Uint8Array([0, 255, 16]) },
        qos: 2,
        properties: {
          willDelayInterval: 30,
          messageExpiryInterval: 60,
          contentType: 'application/octet-stream',
          responseTopic: 'web/reply',
          payloadFormatIndicator: false,
          correlationData: new Uint8Array([1, 2]),
          userProperties: [
            { key: 'a', value: '1' },
            { key: 'a', value: '2' },
          ],
        },
      },
      connectProperties: {
        receiveMaximum: 10,
        maximumPacketSize: 65536,
        topicAliasMaximum: 5,
        requestResponseInformation: true,
        requestProblemInformation: false,
        userProperties: [{ key: 'app', value: 'mqscope' }],
      },
    },
  ],
  [
    'plain WS with a hex will',
    {
      transport: 'ws',
      host: 'ws.example',
      port: 80,
      path: '/',
      will: { topic: 't', payload: { format: 'hex', text: 'ca fe' } },
    },
  ],
];

describe('profile → mqtt.js snippet', () => {
  it.each(profiles)('%s: the snippet parses and is equivalent', (_name, input) => {
    const profile = options(input);
    const code = profileToMqttjs('Test profile', profile, NO_SECRETS);
    expect(() => parse(code, { ecmaVersion: 'latest', sourceType: 'module' })).not.toThrow();
    const { draft, lint } = parseMqttjsCode(code);
    expect(lint.filter((l) => l.severity !== 'info')).toEqual(
      profile.tls?.verifyServer === false ? [expect.objectContaining({ code: 'risky' })] : [],
    );
    expect(draft).not.toBeNull();
    if (!draft) return;
    expect(behaviour(options(draft.options))).toEqual(behaviour(profile));
  });

  it('reads secrets from the environment, never writes them', () => {
    const profile = options({ transport: 'mqtts', host: 'h', port: 8883, username: 'u' });
    const code = profileToMqttjs('With secrets', profile, { password: true, passphrase: true, keyPem: true });
    expect(code).toContain(
      '// Secrets come from the environment: MQTT_PASSWORD, MQTT_KEY_PASSPHRASE, MQTT_KEY_PEM.',
    );
    expect(code).toContain('password: process.env.MQTT_PASSWORD,');
    expect(code).toContain('key: process.env.MQTT_KEY_PEM,');
    const { lint } = parseMqttjsCode(code);
    expect(lint.filter((l) => l.code === 'not-literal').map((l) => l.message)).toEqual([
      expect.stringContaining('process.env.MQTT_PASSWORD'),
      expect.stringContaining('process.env.MQTT_KEY_PEM'),
      expect.stringContaining('process.env.MQTT_KEY_PASSPHRASE'),
    ]);
  });

  it('says when MQScope stops reconnecting and mqtt.js would not', () => {
    const code = profileToMqttjs('r', options({ reconnect: { maxAttempts: 5, periodMs: 1000 } }), NO_SECRETS);
    expect(code).toContain('MQScope stops after 5 reconnect attempts');
    expect(code).toContain('reconnectPeriod: 1000,');
  });
});

describe('saved header values in the snippet (Trust #13)', () => {
  it('reads a saved header value from the environment, never from the profile', () => {
    const code = profileToMqttjs(
      'WS',
      options({
        transport: 'ws',
        host: 'h',
        port: 8083,
        wsHeaders: [
          { key: 'Authorization', value: '' },
          { key: 'X-Plain', value: '' },
        ],
      }),
      { password: false, passphrase: false, keyPem: false, wsHeaders: ['Authorization'] },
    );
    expect(code).toContain('Authorization: process.env.MQTT_HEADER_AUTHORIZATION');
    expect(code).toContain('"X-Plain": ""');
    expect(code).toContain('// Secrets come from the environment: MQTT_HEADER_AUTHORIZATION.');
  });
});
