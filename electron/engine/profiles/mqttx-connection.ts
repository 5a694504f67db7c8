/**
 * One MQTTX connection → profile options, subscriptions and secrets, mapped the way MQTTX
 * itself connects with them. Sources read (emqx/MQTTX, main):
 * - the export shape: src/database/services/ConnectionService.ts (`entityToModel`: MQTT 5
 *   CONNECT properties under `properties`, will properties under `will.properties`),
 *   src/types/global.d.ts (ConnectionModel, WillModel, SubscriptionModel,
 *   ClientPropertiesModel, WillPropertiesModel);
 * - the stored fields: src/database/models/ConnectionEntity.ts, WillEntity.ts,
 *   SubscriptionEntity.ts (an entity-shaped file has the same fields flat: both are read);
 * - how they are used: src/utils/mqttUtils.ts (`getClientOptions`, `getMQTTProtocol`,
 *   `getUrl`, `setMQTT5Properties`), src/utils/getFiles.ts (ca/cert/key are file paths).
 */
import type { ParsedProfileSubscription } from '../../contract';
import { note, type Note } from './fit-options';
import type { ImportCandidate } from './store';
import { mapSubscriptions } from './mqttx-subscriptions';
import {
  bool,
  bytes,
  compact,
  holdsSomething,
  isObj,
  num,
  str,
  userProperties,
  type Obj,
} from './mqttx-values';

/** MQTTX's own bookkeeping: nothing to map, nothing to report. */
const BOOKKEEPING = new Set([
  'id',
  'createAt',
  'updateAt',
  'orderId',
  'parentId',
  'parent',
  'isCollection',
  'unreadMessageCount',
  'collectionId',
  'connectionId',
  'children',
  'expanded',
  'isEdit',
  'isNewing',
]);

/** Every connection field the mapper reads or reports by name. */
const READ = new Set([
  'name',
  'host',
  'port',
  'protocol',
  'path',
  'clientId',
  'clientIdWithTime',
  'username',
  'password',
  'keepalive',
  'clean',
  'connectTimeout',
  'reconnect',
  'reconnectPeriod',
  'maxReconnectTimes',
  'mqttVersion',
  'ssl',
  'certType',
  'rejectUnauthorized',
  'ALPNProtocols',
  'ca',
  'cert',
  'key',
  'will',
  'properties',
  'subscriptions',
  'messages',
]);

/** MQTT 5 CONNECT properties, in `properties` (model) or at the top level (entity). */
const CONNECT_PROPERTIES = [
  'sessionExpiryInterval',
  'receiveMaximum',
  'maximumPacketSize',
  'topicAliasMaximum',
  'requestResponseInformation',
  'requestProblemInformation',
  'userProperties',
  'authenticationMethod',
  'authenticationData',
];

/** The entity's defaults for publishing (pushProps*): MQScope keeps no per-profile publish defaults. */
const PUSH_PROPS = /^pushProps[A-Z]/;

const WILL_FIELDS = ['lastWillTopic', 'lastWillPayload', 'lastWillQos', 'lastWillRetain', 'properties'];
const WILL_PROPERTIES = [
  'willDelayInterval',
  'payloadFormatIndicator',
  'messageExpiryInterval',
  'contentType',
  'responseTopic',
  'correlationData',
  'userProperties',
];
type Transport = 'mqtt' | 'mqtts' | 'ws' | 'wss';
const TRANSPORTS = new Set<string>(['mqtt', 'mqtts', 'ws', 'wss']);

export interface MappedConnection {
  options: Obj;
  secrets: ImportCandidate['secrets'];
  subscriptions: ParsedProfileSubscription[];
}

/** A property read from `properties` (MQTTX's model) or, failing that, flat (its entity). */
function prop(c: Obj, name: string): unknown {
  const nested = isObj(c['properties']) ? c['properties'][name] : undefined;
  return nested ?? c[name];
}

function transportOf(c: Obj, host: string): { transport: Transport; host: string } {
  // Old MQTTX versions kept the scheme in the host field ("mqtts://broker").
  const prefixed = /^(mqtts?|wss?):\/\//i.exec(host);
  const bare = prefixed ? host.slice(prefixed[0].length) : host;
  const protocol = str(c['protocol'])?.toLowerCase();
  // `getMQTTProtocol`: the protocol when there is one, else ssl ? mqtts : mqtt.
  if (protocol && TRANSPORTS.has(protocol)) return { transport: protocol as Transport, host: bare };
  const fromHost = prefixed?.[1]?.toLowerCase();
  if (fromHost && TRANSPORTS.has(fromHost)) return { transport: fromHost as Transport, host: bare };
  return { transport: bool(c['ssl']) ? 'mqtts' : 'mqtt', host: bare };
}

function pemOrPath(
  value: unknown,
): { kind: 'pem'; pem: string } | { kind: 'file'; path: string } | undefined {
  const text = str(value);
  if (text === undefined) return undefined;
  return text.trimStart().startsWith('-----BEGIN')
    ? { kind: 'pem', pem: text }
    : { kind: 'file', path: text };
}

function mapTls(c: Obj, tlsOn: boolean, notes: Note[], secrets: ImportCandidate['secrets']): Obj | undefined {
  const files = { ca: pemOrPath(c['ca']), cert: pemOrPath(c['cert']), key: pemOrPath(c['key']) };
  const setFiles = (Object.keys(files) as (keyof typeof files)[]).filter((k) => files[k] !== undefined);
  const certType = str(c['certType']) ?? '';
  if (!tlsOn) {
    if (setFiles.length)
      notes.push({
        field: setFiles.join('/'),
        text: note('tlsOff'),
      });
    return undefined;
  }
  const tls: Obj = { verifyServer: bool(c['rejectUnauthorized']) ?? true };
  // `getClientOptions` strips brackets and spaces: "[h2, mqtt]" and "h2,mqtt" are the same list.
  const alpn = str(c['ALPNProtocols'])
    ?.replace(/[[\] ]/g, '')
    .split(',')
    .filter(Boolean);
  if (alpn?.length) tls['alpnProtocols'] = alpn;
  // MQTTX reads ca/cert/key only for "Self signed" (certType "self").
  if (certType !== 'self') {
    if (setFiles.length)
      notes.push({
        field: setFiles.join('/'),
        text:
          certType === 'server'
            ? note('certTypeServer')
            : certType
              ? note('certTypeOther', { certType })
              : note('certTypeNone'),
      });
    return tls;
  }
  if (files.ca) tls['ca'] = files.ca;
  if (files.cert) tls['cert'] = files.cert;
  if (files.key) {
    if (files.key.kind === 'pem') secrets.keyPem = files.key.pem;
    else tls['key'] = files.key;
  }
  return tls;
}

function mapWill(c: Obj, notes: Note[]): Obj | undefined {
  const will = isObj(c['will']) ? c['will'] : undefined;
  if (!will) return undefined;
  const topic = str(will['lastWillTopic']);
  const payload = str(will['lastWillPayload']);
  const p = (name: string) =>
    (isObj(will['properties']) ? will['properties'][name] : undefined) ?? will[name];
  if (topic === undefined) {
    // `getClientOptions` sends a will only when it has a topic.
    if (payload !== undefined || WILL_PROPERTIES.some((n) => holdsSomething(p(n))))
      notes.push({
        field: 'will',
        text: note('willNoTopic'),
      });
    return undefined;
  }
  for (const name of Object.keys(will)) {
    if (
      !WILL_FIELDS.includes(name) &&
      !WILL_PROPERTIES.includes(name) &&
      name !== 'id' &&
      holdsSomething(will[name])
    )
      notes.push({ field: `will.${name}`, text: note('unknownWill') });
  }
  return {
    topic,
    payload: { format: 'text', text: payload ?? '' },
    qos: num(will['lastWillQos']) ?? 0,
    retain: bool(will['lastWillRetain']) ?? false,
    properties: compact({
      willDelayInterval: num(p('willDelayInterval') ?? will['lastWillDelayInterval']),
      messageExpiryInterval: num(p('messageExpiryInterval')),
      contentType: str(p('contentType')),
      responseTopic: str(p('responseTopic')),
      payloadFormatIndicator: bool(p('payloadFormatIndicator')),
      correlationData: bytes(p('correlationData')),
      userProperties: userProperties(p('userProperties')),
    }),
  };
}

function mapConnectProperties(c: Obj, options: Obj, notes: Note[]): void {
  const expiry = num(prop(c, 'sessionExpiryInterval'));
  if (expiry !== undefined) options['sessionExpirySeconds'] = expiry;
  else if (options['protocolVersion'] === '5.0' && options['clean'] === false) {
    // `setMQTT5Properties`: no expiry with clean start off is sent as 0xFFFFFFFF (never).
    options['sessionExpirySeconds'] = 0xffff_ffff;
  }
  const connect = compact({
    receiveMaximum: num(prop(c, 'receiveMaximum')),
    maximumPacketSize: num(prop(c, 'maximumPacketSize')),
    topicAliasMaximum: num(prop(c, 'topicAliasMaximum')),
    requestResponseInformation: bool(prop(c, 'requestResponseInformation')),
    requestProblemInformation: bool(prop(c, 'requestProblemInformation')),
    userProperties: userProperties(prop(c, 'userProperties')),
  });
  if (connect) options['connectProperties'] = connect;
  if (holdsSomething(prop(c, 'authenticationMethod')) || holdsSomething(prop(c, 'authenticationData')))
    notes.push({
      field: 'properties.authenticationMethod',
      text: note('noAuth'),
    });
  if (isObj(c['properties'])) {
    for (const [name, value] of Object.entries(c['properties']))
      if (!CONNECT_PROPERTIES.includes(name) && holdsSomething(value))
        notes.push({ field: `properties.${name}`, text: note('notConnectProperty') });
  }
}

/** Maps one MQTTX connection; what it cannot keep goes to `notes`, with the reason. */
export function mapConnection(c: Obj, notes: Note[]): MappedConnection {
  const secrets: ImportCandidate['secrets'] = {};
  const { transport, host } = transportOf(c, str(c['host']) ?? '');
  const tlsOn = transport === 'mqtts' || transport === 'wss';
  const options: Obj = {
    transport,
    host,
    port:
      num(c['port']) ??
      (transport === 'mqtts' ? 8883 : transport === 'ws' ? 8083 : transport === 'wss' ? 8084 : 1883),
  };
  const path = str(c['path']);
  // `getUrl`: the path is used for ws/wss only, with a "/" added in front when missing.
  if (path !== undefined && (transport === 'ws' || transport === 'wss'))
    options['path'] = path.startsWith('/') ? path : `/${path}`;

  const version = str(c['mqttVersion']);
  if (version === '3.1' || version === '3.1.1' || version === '5.0') options['protocolVersion'] = version;
  else if (version === '5') options['protocolVersion'] = '5.0';
  else if (version !== undefined)
    notes.push({ field: 'mqttVersion', text: note('unknownVersion', { version }) });

  const clientId = str(c['clientId']);
  if (clientId !== undefined) options['clientId'] = clientId;
  if (bool(c['clientIdWithTime']))
    notes.push({
      field: 'clientIdWithTime',
      text: note('clientIdWithTime'),
    });
  const username = str(c['username']);
  if (username !== undefined) options['username'] = username;
  const password = str(c['password']);
  if (password !== undefined) secrets.password = password;

  const keepalive = num(c['keepalive']);
  if (keepalive !== undefined) options['keepaliveSeconds'] = keepalive;
  const clean = bool(c['clean']);
  if (clean !== undefined) options['clean'] = clean;
  const connectTimeout = num(c['connectTimeout']);
  // MQTTX counts the connect timeout in seconds (`time.convertSecondsToMs`).
  if (connectTimeout !== undefined)
    options['connectTimeoutMs'] = Math.min(120_000, Math.max(100, Math.round(connectTimeout * 1000)));
  if (bool(c['reconnect'])) {
    // The attempt limit is an MQTTX setting (maxReconnectTimes, default 10), not in the export.
    options['reconnect'] = {
      maxAttempts: Math.min(10_000, Math.max(1, num(c['maxReconnectTimes']) ?? 10)),
      periodMs: Math.min(3_600_000, Math.max(100, num(c['reconnectPeriod']) ?? 4000)),
    };
  } else if (bool(c['reconnect']) === false) {
    options['reconnect'] = { maxAttempts: 0, periodMs: 3000 };
  }

  const tls = mapTls(c, tlsOn, notes, secrets);
  if (tls) options['tls'] = tls;
  const will = mapWill(c, notes);
  if (will) options['will'] = will;
  mapConnectProperties(c, options, notes);
  const subscriptions = mapSubscriptions(c, notes);

  if (Array.isArray(c['messages']) && c['messages'].length)
    notes.push({
      field: 'messages',
      text: note('messages', { count: c['messages'].length }),
    });
  const pushProps = Object.keys(c).filter((k) => PUSH_PROPS.test(k) && holdsSomething(c[k]));
  if (pushProps.length)
    notes.push({
      field: pushProps.join(', '),
      text: note('pushProps'),
    });
  for (const field of Object.keys(c)) {
    if (
      READ.has(field) ||
      BOOKKEEPING.has(field) ||
      CONNECT_PROPERTIES.includes(field) ||
      PUSH_PROPS.test(field)
    )
      continue;
    if (holdsSomething(c[field])) notes.push({ field, text: note('unknownOption') });
  }
  return { options, secrets, subscriptions };
}
