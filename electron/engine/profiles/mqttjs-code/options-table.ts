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

/** What a lookalike name probably meant: a `lint.hint.…` key. */
export type LookalikeHint =
  | 'keepalive'
  | 'reconnect'
  | 'autoReconnect'
  | 'noMaxReconnect'
  | 'notMqtt'
  | 'clean'
  | 'username'
  | 'password'
  | 'clientId'
  | 'connectTimeout'
  | 'will'
  | 'tlsUrl'
  | 'qos';

/** Names people write that mqtt.js does not know, with what they probably meant. */
export const LOOKALIKES: Record<string, LookalikeHint> = {
  keepAliveInterval: 'keepalive',
  keepAlive: 'keepalive',
  reconnect: 'reconnect',
  autoReconnect: 'autoReconnect',
  maxReconnectTimes: 'noMaxReconnect',
  maxReconnectAttempts: 'noMaxReconnect',
  mac: 'notMqtt',
  cleanSession: 'clean',
  userName: 'username',
  user: 'username',
  pwd: 'password',
  pass: 'password',
  clientID: 'clientId',
  clientid: 'clientId',
  timeout: 'connectTimeout',
  lastWill: 'will',
  willMessage: 'will',
  useSSL: 'tlsUrl',
  ssl: 'tlsUrl',
  qos: 'qos',
};

export const SCHEMES: Record<
  string,
  { transport: 'mqtt' | 'mqtts' | 'ws' | 'wss'; note?: 'wx' | 'wxs' | 'ali' | 'alis' }
> = {
  mqtt: { transport: 'mqtt' },
  tcp: { transport: 'mqtt' },
  mqtts: { transport: 'mqtts' },
  ssl: { transport: 'mqtts' },
  tls: { transport: 'mqtts' },
  ws: { transport: 'ws' },
  wss: { transport: 'wss' },
  wx: {
    transport: 'ws',
    note: 'wx',
  },
  wxs: {
    transport: 'wss',
    note: 'wxs',
  },
  ali: {
    transport: 'ws',
    note: 'ali',
  },
  alis: {
    transport: 'wss',
    note: 'alis',
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
