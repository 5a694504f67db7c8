/**
 * MQTTX's JSON export: an array of connection objects (host, port, protocol, path,
 * clientId, username, password, keepalive, clean, mqttVersion, ssl, rejectUnauthorized,
 * ca/cert/key, will { lastWill* , properties }, subscriptions, properties { MQTT 5 }),
 * possibly grouped in collections. Map what maps; say what was left out, and why.
 * MQTTX writes '' or null (and, from older versions, "undefined"/"null") for empty fields.
 */
import { EngineError } from '../errors';
import { fitOptions, type Note } from './fit-options';
import type { ImportCandidate } from './store';
import type { ImportReportEntry } from '../../contract';

type Obj = Record<string, unknown>;

const PLACEHOLDERS = new Set(['', 'undefined', 'null']);

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value that means "nothing" in an MQTTX export. */
function empty(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === 'string' && PLACEHOLDERS.has(value.trim()))
  );
}

function str(value: unknown): string | undefined {
  if (empty(value)) return undefined;
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function num(value: unknown): number | undefined {
  if (empty(value)) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function bool(value: unknown): boolean | undefined {
  if (empty(value)) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** MQTTX keeps user properties as { key: value | value[] }; MQTT keeps ordered pairs. */
function userProperties(value: unknown): { key: string; value: string }[] | undefined {
  if (!isObj(value)) return undefined;
  const pairs: { key: string; value: string }[] = [];
  for (const [key, item] of Object.entries(value)) {
    for (const one of Array.isArray(item) ? item : [item])
      if (!empty(one)) pairs.push({ key, value: String(one) });
  }
  return pairs.length ? pairs : undefined;
}

function compact(value: Obj): Obj | undefined {
  // fromEntries defines own keys: a "__proto__" key in the file cannot become a prototype.
  const out: Obj = Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
  return Object.keys(out).length ? out : undefined;
}

/** A PEM pasted in MQTTX, or (as MQTTX desktop mostly stores them) a file path. */
function pemOrPath(value: unknown): { pem: string } | { path: string } | undefined {
  const text = str(value);
  if (text === undefined) return undefined;
  return text.trimStart().startsWith('-----BEGIN') ? { pem: text } : { path: text };
}

/** Fields that are MQTTX's own bookkeeping: nothing to map, nothing to report. */
const BOOKKEEPING = new Set([
  'id',
  'createAt',
  'updateAt',
  'orderId',
  'parentId',
  'isCollection',
  'unreadMessageCount',
  'client',
  'collectionId',
  'connectionId',
  'children',
  'expanded',
  'pushProps',
  'payloadType',
  'checkFun',
  'isTreeCollapse',
  'isActive',
  'messageType',
]);

/** Every field the mapper reads. */
const MAPPED = new Set([
  'name',
  'host',
  'port',
  'protocol',
  'path',
  'clientId',
  'username',
  'password',
  'keepalive',
  'clean',
  'mqttVersion',
  'ssl',
  'rejectUnauthorized',
  'ca',
  'cert',
  'key',
  'certType',
  'will',
  'subscriptions',
  'properties',
  'connectTimeout',
  'reconnect',
  'reconnectPeriod',
  'maxReconnectTimes',
  'clientIdWithTime',
  'messages',
  'ALPNProtocols',
]);

function mapConnection(c: Obj, notes: Note[]): { options: Obj; secrets: ImportCandidate['secrets'] } {
  const secrets: ImportCandidate['secrets'] = {};
  let host = str(c['host']) ?? '';
  let scheme = str(c['protocol']);
  const prefixed = /^(mqtts?|wss?):\/\//i.exec(host);
  if (prefixed?.[1]) {
    scheme ??= prefixed[1].toLowerCase();
    host = host.slice(prefixed[0].length);
  }
  const ssl = bool(c['ssl']) ?? false;
  let transport = scheme === 'ws' || scheme === 'wss' ? scheme : scheme === 'mqtts' ? 'mqtts' : 'mqtt';
  if (ssl && transport === 'mqtt') transport = 'mqtts';
  if (ssl && transport === 'ws') transport = 'wss';
  const tlsOn = transport === 'mqtts' || transport === 'wss';

  const options: Obj = {
    transport,
    host,
    port:
      num(c['port']) ??
      (transport === 'mqtts' ? 8883 : transport === 'ws' ? 8083 : transport === 'wss' ? 8084 : 1883),
  };
  const path = str(c['path']);
  if (path !== undefined && (transport === 'ws' || transport === 'wss'))
    options['path'] = path.startsWith('/') ? path : `/${path}`;

  const version = str(c['mqttVersion']);
  if (version === '3.1' || version === '3.1.1' || version === '5.0') options['protocolVersion'] = version;
  else if (version === '5') options['protocolVersion'] = '5.0';
  else if (version !== undefined)
    notes.push({ field: 'mqttVersion', message: `Unknown MQTT version "${version}": MQTT 5 is used.` });

  const clientId = str(c['clientId']);
  if (clientId !== undefined) options['clientId'] = clientId;
  if (bool(c['clientIdWithTime'])) {
    notes.push({
      field: 'clientIdWithTime',
      message: 'MQTTX adds a timestamp to the client ID; MQScope uses the ID as written.',
    });
  }
  const username = str(c['username']);
  if (username !== undefined) options['username'] = username;
  const password = str(c['password']);
  if (password !== undefined) secrets.password = password;

  const keepalive = num(c['keepalive']);
  if (keepalive !== undefined) options['keepaliveSeconds'] = keepalive;
  const clean = bool(c['clean']);
  if (clean !== undefined) options['clean'] = clean;
  const connectTimeout = num(c['connectTimeout']);
  // MQTTX counts the connect timeout in seconds.
  if (connectTimeout !== undefined)
    options['connectTimeoutMs'] = Math.min(120_000, Math.max(100, connectTimeout * 1000));
  if (bool(c['reconnect'])) {
    options['reconnect'] = {
      maxAttempts: Math.min(10_000, Math.max(1, num(c['maxReconnectTimes']) ?? 10)),
      periodMs: Math.min(3_600_000, Math.max(100, num(c['reconnectPeriod']) ?? 4000)),
    };
  }

  // TLS
  const ca = pemOrPath(c['ca']);
  const cert = pemOrPath(c['cert']);
  const key = pemOrPath(c['key']);
  const verify = bool(c['rejectUnauthorized']);
  const alpn = str(c['ALPNProtocols']);
  if (tlsOn) {
    const tls: Obj = { verifyServer: verify ?? true };
    if (ca) tls['ca'] = 'pem' in ca ? { kind: 'pem', pem: ca.pem } : { kind: 'file', path: ca.path };
    if (cert)
      tls['cert'] = 'pem' in cert ? { kind: 'pem', pem: cert.pem } : { kind: 'file', path: cert.path };
    if (key) {
      if ('pem' in key) secrets.keyPem = key.pem;
      else tls['key'] = { kind: 'file', path: key.path };
    }
    if (alpn)
      tls['alpnProtocols'] = alpn
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
    options['tls'] = tls;
  } else if (ca || cert || key) {
    notes.push({
      field: 'ca/cert/key',
      message: 'Certificates were set but TLS is off for this connection: left out.',
    });
  }

  // Will
  const will = isObj(c['will']) ? c['will'] : undefined;
  if (will) {
    const topic = str(will['lastWillTopic']);
    const payload = str(will['lastWillPayload']);
    if (topic !== undefined) {
      const props = isObj(will['properties']) ? will['properties'] : {};
      const correlation = str(props['correlationData']);
      options['will'] = {
        topic,
        payload: { format: 'text', text: payload ?? '' },
        qos: num(will['lastWillQos']) ?? 0,
        retain: bool(will['lastWillRetain']) ?? false,
        properties: compact({
          willDelayInterval: num(props['willDelayInterval']),
          messageExpiryInterval: num(props['messageExpiryInterval']),
          contentType: str(props['contentType']),
          responseTopic: str(props['responseTopic']),
          payloadFormatIndicator: bool(props['payloadFormatIndicator']),
          correlationData: correlation === undefined ? undefined : new TextEncoder().encode(correlation),
          userProperties: userProperties(props['userProperties']),
        }),
      };
    } else if (payload !== undefined) {
      notes.push({ field: 'will', message: 'A will payload without a will topic: left out.' });
    }
  }

  // MQTT 5 CONNECT properties
  const props = isObj(c['properties']) ? c['properties'] : undefined;
  if (props) {
    const expiry = num(props['sessionExpiryInterval']);
    if (expiry !== undefined) options['sessionExpirySeconds'] = expiry;
    const connectProperties = compact({
      receiveMaximum: num(props['receiveMaximum']),
      maximumPacketSize: num(props['maximumPacketSize']),
      topicAliasMaximum: num(props['topicAliasMaximum']),
      requestResponseInformation: bool(props['requestResponseInformation']),
      requestProblemInformation: bool(props['requestProblemInformation']),
      userProperties: userProperties(props['userProperties']),
    });
    if (connectProperties) options['connectProperties'] = connectProperties;
    if (!empty(props['authenticationMethod'])) {
      notes.push({
        field: 'properties.authenticationMethod',
        message: 'Enhanced authentication (AUTH) is not supported: left out.',
      });
    }
  }

  const subscriptions = Array.isArray(c['subscriptions']) ? c['subscriptions'] : [];
  if (subscriptions.length) {
    const topics = subscriptions.map((s) => (isObj(s) ? str(s['topic']) : undefined)).filter(Boolean);
    notes.push({
      field: 'subscriptions',
      message: `${subscriptions.length} saved subscription(s) not imported (profiles do not keep subscriptions): ${topics.join(', ')}.`,
    });
  }
  if (Array.isArray(c['messages']) && c['messages'].length) {
    notes.push({
      field: 'messages',
      message: `${c['messages'].length} stored message(s) not imported: profiles keep settings, not history.`,
    });
  }
  for (const field of Object.keys(c)) {
    if (!MAPPED.has(field) && !BOOKKEEPING.has(field))
      notes.push({ field, message: 'Not an option MQScope knows: left out.' });
  }
  return { options, secrets };
}

export interface MqttxImport {
  candidates: ImportCandidate[];
  failed: ImportReportEntry[];
}

/** Reads MQTTX's export text into import candidates under `folder`. */
export function readMqttxExport(text: string, folder: string): MqttxImport {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new EngineError('invalid-input', 'This file is not valid JSON, so it is not an MQTTX export.');
  }
  const list = Array.isArray(raw)
    ? raw
    : isObj(raw) && Array.isArray(raw['connections'])
      ? raw['connections']
      : isObj(raw)
        ? [raw]
        : null;
  if (!list)
    throw new EngineError('invalid-input', 'An MQTTX export is a list of connections; this file is not.');

  const candidates: ImportCandidate[] = [];
  const failed: ImportReportEntry[] = [];
  const visit = (items: unknown[], into: string) => {
    items.forEach((item, index) => {
      if (!isObj(item)) {
        failed.push({
          name: `#${index + 1}`,
          profileId: null,
          outcome: 'failed',
          notes: [{ field: '', message: 'Not a connection object.' }],
        });
        return;
      }
      const name = str(item['name']) ?? `${str(item['host']) ?? 'connection'}:${str(item['port']) ?? ''}`;
      // A collection (folder) holds connections in `children`.
      if (bool(item['isCollection']) && Array.isArray(item['children'])) {
        visit(item['children'], into ? `${into}/${name.replace(/\//g, '-')}` : name.replace(/\//g, '-'));
        return;
      }
      const notes: Note[] = [];
      const { options, secrets } = mapConnection(item, notes);
      const fitted = fitOptions(options);
      if (!fitted.ok) {
        failed.push({ name, profileId: null, outcome: 'failed', notes: [...notes, ...fitted.notes] });
        return;
      }
      candidates.push({
        name,
        folder: into,
        options: fitted.options,
        secrets,
        notes: [...notes, ...fitted.notes],
      });
    });
  };
  visit(list, folder);
  if (candidates.length === 0 && failed.length === 0)
    throw new EngineError('invalid-input', 'The MQTTX export holds no connections.');
  return { candidates, failed };
}
