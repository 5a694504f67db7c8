/**
 * "Paste your mqtt.js code": finds `mqtt.connect(url, options)` (or `connect`,
 * `connectAsync`, or a bare options object) with a real JavaScript parser, never running
 * the text, and turns it into a profile draft plus a lint report of what mqtt.js would
 * silently ignore, what the code computes at run time, and what is risky.
 */
import { parse, type AnyNode, type Expression, type Options, type Program } from 'acorn';
import { full } from 'acorn-walk';
import type { LintItem, ParseMqttjsResult } from '../../../contract';
import { fitOptions } from '../fit-options';
import { BytesRef, Evaluator, FileRef, JsObject, Opaque, type JsValue } from './evaluate';

const PARSE_OPTIONS: Options = {
  ecmaVersion: 'latest',
  sourceType: 'module',
  locations: true,
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowHashBang: true,
};

function at(node: AnyNode | undefined): Pick<LintItem, 'line' | 'column'> {
  const start = node?.loc?.start;
  return start ? { line: start.line, column: start.column + 1 } : {};
}

function parseCode(code: string): { program: Program } | { error: LintItem } {
  try {
    return { program: parse(code, PARSE_OPTIONS) };
  } catch (first) {
    // `{ host: 'x', port: 1 }` alone is a block statement to a parser: read it as an expression.
    try {
      return { program: parse(`(${code.trim().replace(/;+$/, '')}\n)`, PARSE_OPTIONS) };
    } catch {
      const loc = (first as { loc?: { line: number; column: number } }).loc;
      const message = first instanceof Error ? first.message.replace(/ \(\d+:\d+\)$/, '') : String(first);
      return {
        error: {
          severity: 'error',
          code: 'syntax',
          message: `The code could not be read as JavaScript: ${message}. (TypeScript type annotations are not supported: remove them.)`,
          ...(loc ? { line: loc.line, column: loc.column + 1 } : {}),
        },
      };
    }
  }
}

/** mqtt.js options this mapper reads. */
const MAPPED = new Set([
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
const MQTTJS_ONLY = new Set([
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
const LOOKALIKES: Record<string, string> = {
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

const SCHEMES: Record<string, { transport: 'mqtt' | 'mqtts' | 'ws' | 'wss'; note?: string }> = {
  mqtt: { transport: 'mqtt' },
  tcp: { transport: 'mqtt' },
  mqtts: { transport: 'mqtts' },
  ssl: { transport: 'mqtts' },
  tls: { transport: 'mqtts' },
  ws: { transport: 'ws' },
  wss: { transport: 'wss' },
  wx: {
    transport: 'ws',
    note: 'wx:// is mqtt.js’s WeChat mini-program transport; MQScope connects with ws:// to the same host, port and path.',
  },
  wxs: {
    transport: 'wss',
    note: 'wxs:// is mqtt.js’s WeChat mini-program transport; MQScope connects with wss:// to the same host, port and path.',
  },
  ali: {
    transport: 'ws',
    note: 'ali:// is mqtt.js’s Alipay mini-program transport; MQScope connects with ws:// to the same host, port and path.',
  },
  alis: {
    transport: 'wss',
    note: 'alis:// is mqtt.js’s Alipay mini-program transport; MQScope connects with wss:// to the same host, port and path.',
  },
};

const DEFAULT_PORTS = { mqtt: 1883, mqtts: 8883, ws: 80, wss: 443 } as const;
const PROTOCOL_VERSIONS: Record<number, '3.1' | '3.1.1' | '5.0'> = { 3: '3.1', 4: '3.1.1', 5: '5.0' };

interface Collected {
  bindings: Map<string, Expression>;
  calls: Extract<AnyNode, { type: 'CallExpression' }>[];
  objects: Extract<AnyNode, { type: 'ObjectExpression' }>[];
}

function collect(program: Program): Collected {
  const found: Collected = { bindings: new Map(), calls: [], objects: [] };
  full(program, (node) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) {
      if (!found.bindings.has(node.id.name)) found.bindings.set(node.id.name, node.init);
    } else if (node.type === 'CallExpression') {
      const callee = node.callee;
      const name =
        callee.type === 'Identifier'
          ? callee.name
          : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier'
            ? callee.property.name
            : '';
      if ((name === 'connect' || name === 'connectAsync') && node.arguments.length > 0)
        found.calls.push(node);
    } else if (node.type === 'ObjectExpression') {
      found.objects.push(node);
    }
  });
  found.calls.sort((a, b) => a.start - b.start);
  found.objects.sort((a, b) => a.start - b.start);
  return found;
}

class Mapper {
  readonly lint: LintItem[] = [];
  readonly options: Record<string, unknown> = {};
  readonly secrets: { password?: string; passphrase?: string; keyPem?: string } = {};

  constructor(private readonly evaluator: Evaluator) {}

  warn(code: string, message: string, node?: AnyNode, severity: LintItem['severity'] = 'warning'): void {
    this.lint.push({ severity, code, message, ...at(node) });
  }

  /** A value the code computes: say so, and leave the field for the user. */
  literal<T>(
    name: string,
    value: JsValue,
    node: AnyNode,
    accept: (v: JsValue) => v is T & JsValue,
    what: string,
  ): T | undefined {
    if (value === undefined) return undefined;
    if (value instanceof Opaque) {
      this.warn(
        'not-literal',
        `\`${name}\` is computed when the code runs (${value.source}): fill it in the profile.`,
        value.node,
      );
      return undefined;
    }
    if (!accept(value)) {
      this.warn('bad-value', `\`${name}\` should be ${what}.`, node, 'error');
      return undefined;
    }
    return value;
  }

  url(value: JsValue, node: AnyNode): void {
    const url = this.literal('url', value, node, (v): v is string => typeof v === 'string', 'a URL string');
    if (url === undefined) return;
    const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(url.trim());
    if (!match?.[1]) {
      this.warn(
        'scheme',
        `"${url}" has no scheme: write mqtt://, mqtts://, ws:// or wss:// before the host.`,
        node,
        'error',
      );
      return;
    }
    const scheme = match[1].toLowerCase();
    const known = SCHEMES[scheme];
    if (!known) {
      this.warn(
        'scheme',
        `${scheme}:// is not a scheme mqtt.js knows: use mqtt://, mqtts://, ws:// or wss://.`,
        node,
        'error',
      );
      return;
    }
    if (known.note) this.warn('scheme', known.note, node);
    let parsed: URL;
    try {
      parsed = new URL(`http://${match[2] ?? ''}`);
    } catch {
      this.warn('bad-value', `"${url}" is not a valid URL.`, node, 'error');
      return;
    }
    this.options['transport'] = known.transport;
    this.options['host'] = parsed.hostname;
    this.options['port'] = parsed.port ? Number(parsed.port) : DEFAULT_PORTS[known.transport];
    if (known.transport === 'ws' || known.transport === 'wss') this.options['path'] = parsed.pathname || '/';
    if (parsed.username) this.options['username'] = decodeURIComponent(parsed.username);
    if (parsed.password) this.secrets.password = decodeURIComponent(parsed.password);
  }

  connectOptions(object: JsObject): void {
    for (const opaque of object.opaqueKeys) {
      this.warn(
        'not-literal',
        `\`${opaque.source}\` is computed when the code runs: its options are not read.`,
        opaque.node,
      );
    }
    const str = (v: JsValue): v is string => typeof v === 'string';
    const int = (v: JsValue): v is number => typeof v === 'number' && Number.isInteger(v);
    const boolean = (v: JsValue): v is boolean => typeof v === 'boolean';
    for (const [key, { value, node }] of object.entries) {
      switch (key) {
        case 'host':
        case 'hostname': {
          const host = this.literal(key, value, node, str, 'a host name');
          if (host !== undefined) this.options['host'] = host;
          break;
        }
        case 'port': {
          const port = this.literal(
            key,
            typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
            node,
            int,
            'a whole number',
          );
          if (port !== undefined) this.options['port'] = port;
          break;
        }
        case 'protocol': {
          const protocol = this.literal(key, value, node, str, 'a protocol name');
          const known = protocol === undefined ? undefined : SCHEMES[protocol.toLowerCase()];
          if (protocol !== undefined && !known)
            this.warn('scheme', `protocol "${protocol}" is not one mqtt.js knows.`, node, 'error');
          if (known) {
            if (known.note) this.warn('scheme', known.note, node);
            this.options['transport'] = known.transport;
          }
          break;
        }
        case 'path': {
          const path = this.literal(key, value, node, str, 'a path');
          if (path !== undefined) this.options['path'] = path;
          break;
        }
        case 'protocolVersion': {
          const version = this.literal(key, value, node, int, '3, 4 or 5');
          if (version !== undefined) {
            const named = PROTOCOL_VERSIONS[version];
            if (named) this.options['protocolVersion'] = named;
            else
              this.warn(
                'bad-value',
                `protocolVersion ${version} does not exist: use 3 (3.1), 4 (3.1.1) or 5.`,
                node,
                'error',
              );
          }
          break;
        }
        case 'protocolId':
          break; // follows from protocolVersion
        case 'clientId': {
          if (value instanceof Opaque) {
            this.warn(
              'not-literal',
              `\`clientId\` is made when the code runs (${value.source}): MQScope generates one for each connection; set a fixed one if the broker needs it.`,
              value.node,
              'info',
            );
            break;
          }
          const id = this.literal(key, value, node, str, 'a string');
          if (id !== undefined) this.options['clientId'] = id;
          break;
        }
        case 'username': {
          const username = this.literal(key, value, node, str, 'a string');
          if (username !== undefined) this.options['username'] = username;
          break;
        }
        case 'password': {
          const password = this.literal(key, value, node, str, 'a string');
          if (password !== undefined) {
            this.secrets.password = password;
            this.warn(
              'risky',
              'The password is written in the code: MQScope stores it encrypted, but anyone who can read this code (or the web page it ships in) can read it too.',
              node,
              'info',
            );
          }
          break;
        }
        case 'keepalive': {
          const keepalive = this.literal(key, value, node, int, 'a whole number of seconds');
          if (keepalive !== undefined) this.options['keepaliveSeconds'] = keepalive;
          break;
        }
        case 'connectTimeout': {
          const ms = this.literal(key, value, node, int, 'a whole number of milliseconds');
          if (ms !== undefined) this.options['connectTimeoutMs'] = Math.min(120_000, Math.max(100, ms));
          break;
        }
        case 'reconnectPeriod': {
          const ms = this.literal(key, value, node, int, 'a whole number of milliseconds');
          if (ms !== undefined) this.options['reconnect'] = reconnectFrom(ms);
          break;
        }
        case 'clean': {
          const clean = this.literal(key, value, node, boolean, 'true or false');
          if (clean !== undefined) this.options['clean'] = clean;
          break;
        }
        case 'rejectUnauthorized': {
          const verify = this.literal(key, value, node, boolean, 'true or false');
          if (verify === false) {
            this.warn(
              'risky',
              'rejectUnauthorized: false turns off TLS verification: anyone on the network path can pose as the broker. Keep it for a test broker only.',
              node,
            );
          }
          if (verify !== undefined) this.tls()['verifyServer'] = verify;
          break;
        }
        case 'ca':
        case 'cert':
        case 'key':
          this.pem(key, value, node);
          break;
        case 'passphrase': {
          const passphrase = this.literal(key, value, node, str, 'a string');
          if (passphrase !== undefined) this.secrets.passphrase = passphrase;
          break;
        }
        case 'servername': {
          const name = this.literal(key, value, node, str, 'a host name');
          if (name !== undefined) this.tls()['servername'] = name;
          break;
        }
        case 'ALPNProtocols': {
          const list = this.literal(
            key,
            value,
            node,
            (v): v is string[] => Array.isArray(v) && v.every((p) => typeof p === 'string'),
            'a list of strings',
          );
          if (list !== undefined) this.tls()['alpnProtocols'] = list;
          break;
        }
        case 'will':
          this.will(value, node);
          break;
        case 'properties':
          this.properties(value, node);
          break;
        case 'wsOptions':
          this.wsOptions(value, node);
          break;
        default:
          if (MQTTJS_ONLY.has(key)) {
            this.warn(
              'not-used',
              `\`${key}\` is an mqtt.js option MQScope has no use for: left out.`,
              node,
              'info',
            );
          } else {
            const hint = Object.hasOwn(LOOKALIKES, key) ? LOOKALIKES[key] : undefined;
            this.warn(
              'unknown-option',
              `mqtt.js does not know \`${key}\` and silently ignores it${hint ? `: ${hint}` : ''}.`,
              node,
            );
          }
      }
    }
  }

  private tls(): Record<string, unknown> {
    const existing = this.options['tls'];
    if (existing && typeof existing === 'object') return existing as Record<string, unknown>;
    const tls: Record<string, unknown> = {};
    this.options['tls'] = tls;
    return tls;
  }

  private pem(key: 'ca' | 'cert' | 'key', value: JsValue, node: AnyNode): void {
    const one = Array.isArray(value) && value.length === 1 ? value[0] : value;
    if (one instanceof FileRef) {
      this.tls()[key] = { kind: 'file', path: one.path };
      return;
    }
    const bytes = one instanceof BytesRef && one.format === 'text' ? one.text : one;
    const pem = this.literal(
      key,
      bytes,
      node,
      (v): v is string => typeof v === 'string',
      'PEM text or readFileSync(path)',
    );
    if (pem === undefined) return;
    if (key === 'key') this.secrets.keyPem = pem;
    else this.tls()[key] = { kind: 'pem', pem };
  }

  private payload(value: JsValue, node: AnyNode): unknown {
    if (value instanceof BytesRef) return { format: value.format, text: value.text };
    return this.literal(
      'will.payload',
      value,
      node,
      (v): v is string => typeof v === 'string',
      'a string or Buffer.from(...)',
    );
  }

  private will(value: JsValue, node: AnyNode): void {
    if (value instanceof Opaque || !(value instanceof JsObject)) {
      this.literal('will', value, node, (_v): _v is never => false, 'an object');
      return;
    }
    const get = (name: string) => value.entries.get(name);
    const topicEntry = get('topic');
    const topic = topicEntry
      ? this.literal(
          'will.topic',
          topicEntry.value,
          topicEntry.node,
          (v): v is string => typeof v === 'string',
          'a topic',
        )
      : undefined;
    const payloadEntry = get('payload');
    const payload = payloadEntry ? this.payload(payloadEntry.value, payloadEntry.node) : '';
    if (topic === undefined || payload === undefined) {
      this.warn('not-literal', 'The will is left out until its topic and payload are filled in.', node);
      return;
    }
    const will: Record<string, unknown> = { topic, payload };
    const qos = get('qos');
    if (qos)
      will['qos'] = this.literal(
        'will.qos',
        qos.value,
        qos.node,
        (v): v is number => v === 0 || v === 1 || v === 2,
        '0, 1 or 2',
      );
    const retain = get('retain');
    if (retain)
      will['retain'] = this.literal(
        'will.retain',
        retain.value,
        retain.node,
        (v): v is boolean => typeof v === 'boolean',
        'true or false',
      );
    const props = get('properties');
    if (props?.value instanceof JsObject) {
      const out: Record<string, unknown> = {};
      for (const [name, entry] of props.value.entries) {
        const v = entry.value;
        if (v instanceof Opaque)
          this.warn(
            'not-literal',
            `\`will.properties.${name}\` is computed when the code runs: fill it in the profile.`,
            v.node,
          );
        else if (name === 'correlationData')
          out[name] =
            v instanceof BytesRef ? bytesOf(v) : typeof v === 'string' ? new TextEncoder().encode(v) : v;
        else if (name === 'userProperties') out[name] = userProperties(v);
        else out[name] = v;
      }
      will['properties'] = out;
    }
    for (const name of value.entries.keys()) {
      if (!['topic', 'payload', 'qos', 'retain', 'properties'].includes(name)) {
        this.warn(
          'unknown-option',
          `mqtt.js does not know \`will.${name}\` and silently ignores it.`,
          value.entries.get(name)?.node,
        );
      }
    }
    this.options['will'] = will;
  }

  private properties(value: JsValue, node: AnyNode): void {
    if (!(value instanceof JsObject)) {
      this.literal('properties', value, node, (_v): _v is never => false, 'an object');
      return;
    }
    const connect: Record<string, unknown> = {};
    for (const [name, entry] of value.entries) {
      const v = entry.value;
      if (v instanceof Opaque) {
        this.warn(
          'not-literal',
          `\`properties.${name}\` is computed when the code runs: fill it in the profile.`,
          v.node,
        );
      } else if (name === 'sessionExpiryInterval') {
        this.options['sessionExpirySeconds'] = v;
      } else if (
        [
          'receiveMaximum',
          'maximumPacketSize',
          'topicAliasMaximum',
          'requestResponseInformation',
          'requestProblemInformation',
        ].includes(name)
      ) {
        connect[name] = v;
      } else if (name === 'userProperties') {
        connect[name] = userProperties(v);
      } else if (name === 'authenticationMethod' || name === 'authenticationData') {
        this.warn(
          'not-used',
          `\`properties.${name}\`: enhanced authentication is not supported yet: left out.`,
          entry.node,
          'info',
        );
      } else {
        this.warn(
          'unknown-option',
          `\`properties.${name}\` is not an MQTT 5 CONNECT property: mqtt.js ignores it.`,
          entry.node,
        );
      }
    }
    if (Object.keys(connect).length) this.options['connectProperties'] = connect;
  }

  private wsOptions(value: JsValue, node: AnyNode): void {
    const headers = value instanceof JsObject ? value.entries.get('headers')?.value : undefined;
    if (!(headers instanceof JsObject)) {
      this.warn('not-used', '`wsOptions` other than `headers` are left out.', node, 'info');
      return;
    }
    const list: { key: string; value: string }[] = [];
    for (const [key, entry] of headers.entries) {
      if (typeof entry.value === 'string') list.push({ key, value: entry.value });
      else
        this.warn(
          'not-literal',
          `The WebSocket header \`${key}\` is computed when the code runs: fill it in the profile.`,
          entry.node,
        );
    }
    if (list.length) this.options['wsHeaders'] = list;
  }
}

function bytesOf(ref: BytesRef): Uint8Array {
  return new Uint8Array(Buffer.from(ref.text, ref.format === 'text' ? 'utf8' : ref.format));
}

function userProperties(value: JsValue): { key: string; value: string }[] | undefined {
  if (!(value instanceof JsObject)) return undefined;
  const pairs: { key: string; value: string }[] = [];
  for (const [key, entry] of value.entries) {
    for (const one of Array.isArray(entry.value) ? entry.value : [entry.value]) {
      if (typeof one === 'string' || typeof one === 'number') pairs.push({ key, value: String(one) });
    }
  }
  return pairs;
}

/** mqtt.js reconnects for ever every `reconnectPeriod` ms (0 = never); MQScope counts attempts. */
export const UNLIMITED_ATTEMPTS = 10_000;
function reconnectFrom(periodMs: number) {
  return periodMs <= 0
    ? { maxAttempts: 0, periodMs: 3000 }
    : { maxAttempts: UNLIMITED_ATTEMPTS, periodMs: Math.min(3_600_000, Math.max(100, periodMs)) };
}

/** Reads a profile draft out of pasted mqtt.js code. */
export function parseMqttjsCode(code: string): ParseMqttjsResult {
  const parsed = parseCode(code);
  if ('error' in parsed) return { draft: null, lint: [parsed.error] };
  const found = collect(parsed.program);
  const evaluator = new Evaluator(code, found.bindings);
  const mapper = new Mapper(evaluator);

  // mqtt.js's own defaults where MQScope's differ, so the draft behaves like the code.
  Object.assign(mapper.options, {
    protocolVersion: '3.1.1',
    connectTimeoutMs: 30_000,
    reconnect: reconnectFrom(1000),
  });

  const call = found.calls[0];
  let optionsValue: JsValue;
  let optionsNode: AnyNode | undefined;
  if (call) {
    const [first, second] = call.arguments;
    const firstValue = first ? evaluator.evaluate(first) : undefined;
    if (firstValue instanceof JsObject) {
      optionsValue = firstValue;
      optionsNode = first;
    } else {
      if (first) mapper.url(firstValue, first);
      optionsValue = second ? evaluator.evaluate(second) : undefined;
      optionsNode = second;
    }
  } else {
    // No call: the options object that looks most like mqtt.js options.
    let best: { node: AnyNode; score: number } | null = null;
    for (const node of found.objects) {
      const value = evaluator.evaluate(node);
      if (!(value instanceof JsObject)) continue;
      const score = [...value.entries.keys()].filter((k) => MAPPED.has(k) || k in LOOKALIKES).length;
      if (score > (best?.score ?? 0)) best = { node, score };
    }
    if (!best) {
      return {
        draft: null,
        lint: [
          {
            severity: 'error',
            code: 'not-found',
            message: 'No mqtt.connect(...) call and no options object were found in this code.',
          },
        ],
      };
    }
    optionsValue = evaluator.evaluate(best.node as Expression);
    optionsNode = best.node;
  }
  if (optionsValue instanceof JsObject) mapper.connectOptions(optionsValue);
  else if (optionsValue instanceof Opaque) {
    mapper.warn(
      'not-literal',
      `The options (${optionsValue.source}) are computed when the code runs: they could not be read.`,
      optionsValue.node,
    );
  }

  if (mapper.options['host'] === undefined) {
    mapper.warn('missing', 'No broker host was found: enter it in the profile.', optionsNode, 'error');
  }
  if (mapper.options['transport'] === undefined) mapper.options['transport'] = 'mqtt';
  if (mapper.options['port'] === undefined) {
    mapper.options['port'] = DEFAULT_PORTS[mapper.options['transport'] as keyof typeof DEFAULT_PORTS];
  }
  const transport = mapper.options['transport'];
  if (mapper.options['tls'] && transport !== 'mqtts' && transport !== 'wss') {
    mapper.warn(
      'not-used',
      'TLS options are set but the URL is not mqtts:// or wss://: mqtt.js does not use them.',
      optionsNode,
      'info',
    );
    delete mapper.options['tls'];
  }
  if (mapper.options['keepaliveSeconds'] === 0 && mapper.options['will']) {
    mapper.warn(
      'risky',
      'keepalive: 0 turns off the broker’s dead-client check: if the device vanishes without closing its socket, its will may never be published.',
      optionsNode,
    );
  }
  if (mapper.options['clean'] === false && !mapper.options['clientId']) {
    mapper.warn(
      'risky',
      'clean: false keeps a session on the broker, which needs a fixed clientId: with a new one each time, every connection starts a fresh session.',
      optionsNode,
    );
  }
  if ((mapper.options['reconnect'] as { maxAttempts: number }).maxAttempts === UNLIMITED_ATTEMPTS) {
    mapper.warn(
      'defaults',
      `mqtt.js reconnects without limit; the profile reconnects up to ${UNLIMITED_ATTEMPTS} times.`,
      undefined,
      'info',
    );
  }

  const host = mapper.options['host'];
  if (typeof host !== 'string' || host === '') return { draft: null, lint: mapper.lint };
  const fitted = fitOptions(mapper.options);
  for (const note of fitted.notes)
    mapper.warn('invalid', `${note.field}: ${note.message}`, undefined, fitted.ok ? 'warning' : 'error');
  if (!fitted.ok) return { draft: null, lint: mapper.lint };
  return { draft: { name: host, options: fitted.options, secrets: mapper.secrets }, lint: mapper.lint };
}
