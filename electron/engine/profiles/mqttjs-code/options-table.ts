/** What the mqtt.js-code reader knows about mqtt.js options, schemes and defaults. */

/** mqtt.js options this mapper reads. */
export const MAPPED = new Set([
  'host',
  'hostname',
  'port',
  'protocol',
  'path',
  'protocolVersion',
  'protocolId',
  'clientId',
  'username',
  'password',
  'keepalive',
  'connectTimeout',
  'reconnectPeriod',
  'clean',
  'rejectUnauthorized',
  'ca',
  'cert',
  'key',
  'passphrase',
  'servername',
  'ALPNProtocols',
  'will',
  'properties',
  'wsOptions',
]);

/** Real mqtt.js options with no MQScope counterpart: noted, not warned about. */
export const MQTTJS_ONLY = new Set([
  'queueQoSZero',
  'resubscribe',
  'incomingStore',
  'outgoingStore',
  'customHandleAcks',
  'autoUseTopicAlias',
  'autoAssignTopicAlias',
  'transformWsUrl',
  'manualConnect',
  'log',
  'browserBufferSize',
  'objectMode',
  'messageIdProvider',
  'timerVariant',
  'unixSocket',
  'forceNativeWebSocket',
  'reschedulePings',
  'servers',
  'defaultProtocol',
  'writeCache',
  'authPacket',
  'createWebsocket',
  'socksProxy',
  'socksTimeout',
  'query',
]);

/** Names people write that mqtt.js does not know, with what they probably meant. */
export const LOOKALIKES: Record<string, string> = {
  keepAliveInterval: 'mqtt.js calls it `keepalive` (in seconds)',
  keepAlive: 'mqtt.js calls it `keepalive` (in seconds)',
  reconnect: 'mqtt.js reconnects by itself; set `reconnectPeriod` (milliseconds, 0 = never)',
  autoReconnect: 'set `reconnectPeriod` instead (milliseconds, 0 = never)',
  maxReconnectTimes: 'mqtt.js has no limit on reconnect attempts',
  maxReconnectAttempts: 'mqtt.js has no limit on reconnect attempts',
  mac: 'it is not an MQTT option',
  cleanSession: 'mqtt.js calls it `clean`',
  userName: 'mqtt.js calls it `username`',
  user: 'mqtt.js calls it `username`',
  pwd: 'mqtt.js calls it `password`',
  pass: 'mqtt.js calls it `password`',
  clientID: 'mqtt.js calls it `clientId`',
  clientid: 'mqtt.js calls it `clientId`',
  timeout: 'mqtt.js calls it `connectTimeout` (milliseconds)',
  lastWill: 'mqtt.js calls it `will`',
  willMessage: 'mqtt.js calls it `will`',
  useSSL: 'use an mqtts:// or wss:// URL',
  ssl: 'use an mqtts:// or wss:// URL',
  qos: 'QoS is chosen per publish and subscribe, not when connecting',
};

export const SCHEMES: Record<string, { transport: 'mqtt' | 'mqtts' | 'ws' | 'wss'; note?: string }> = {
  mqtt: { transport: 'mqtt' },
  tcp: { transport: 'mqtt' },
  mqtts: { transport: 'mqtts' },
  ssl: { transport: 'mqtts' },
  tls: { transport: 'mqtts' },
  ws: { transport: 'ws' },
  wss: { transport: 'wss' },
  wx: {
    transport: 'ws',
    note: 'wx:// (WeChat mini-program) is mqtt.js’s WeChat mini-program transport; MQScope connects with ws:// to the same host, port and path.',
  },
  wxs: {
    transport: 'wss',
    note: 'wxs:// (WeChat mini-program) is mqtt.js’s WeChat mini-program transport; MQScope connects with wss:// to the same host, port and path.',
  },
  ali: {
    transport: 'ws',
    note: 'ali:// (Alipay mini-program) is mqtt.js’s Alipay mini-program transport; MQScope connects with ws:// to the same host, port and path.',
  },
  alis: {
    transport: 'wss',
    note: 'alis:// (Alipay mini-program) is mqtt.js’s Alipay mini-program transport; MQScope connects with wss:// to the same host, port and path.',
  },
};

export const DEFAULT_PORTS = { mqtt: 1883, mqtts: 8883, ws: 80, wss: 443 } as const;
export const PROTOCOL_VERSIONS: Record<number, '3.1' | '3.1.1' | '5.0'> = { 3: '3.1', 4: '3.1.1', 5: '5.0' };

/** Where each mqtt.js option lands in ProfileOptions (the `field` of a from-code mark). */
export const FIELD_OF: Record<string, string> = {
  host: 'host',
  hostname: 'host',
  port: 'port',
  protocol: 'transport',
  path: 'path',
  protocolVersion: 'protocolVersion',
  clientId: 'clientId',
  username: 'username',
  password: 'password',
  keepalive: 'keepaliveSeconds',
  connectTimeout: 'connectTimeoutMs',
  reconnectPeriod: 'reconnect.periodMs',
  clean: 'clean',
  rejectUnauthorized: 'tls.verifyServer',
  ca: 'tls.ca',
  cert: 'tls.cert',
  key: 'tls.key',
  passphrase: 'tls.passphrase',
  servername: 'tls.servername',
  ALPNProtocols: 'tls.alpnProtocols',
  will: 'will',
  'will.topic': 'will.topic',
  'will.payload': 'will.payload',
  'will.qos': 'will.qos',
  'will.retain': 'will.retain',
  properties: 'connectProperties',
  'properties.sessionExpiryInterval': 'sessionExpirySeconds',
};

/** The ProfileOptions path of an mqtt.js option ("properties.receiveMaximum" → "connectProperties.receiveMaximum"). */
export function fieldOf(name: string): string {
  const known = FIELD_OF[name];
  if (known) return known;
  if (name.startsWith('properties.')) return `connectProperties.${name.slice('properties.'.length)}`;
  if (name.startsWith('wsOptions.headers')) return 'wsHeaders';
  return name;
}
