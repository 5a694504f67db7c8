/**
 * The connection form as a pure value: what the form holds (text as typed), and the
 * conversions to and from the contract's ConnectOptions. No React here, so the profile
 * form can reuse it whole and unit tests can check every rule.
 */
import {
  ConnectOptionsSchema,
  encodePayload,
  topicNameProblem,
  type ConnectOptions,
  type EngineText,
  type PayloadFormat,
  type PayloadInput,
  type PemSource,
  type ProtocolVersion,
  type Qos,
  type Transport,
} from '../../electron/contract';
import { engineText, ruleMessage } from '../i18n/engine-text';
import { i18n } from '../i18n/index';

export interface KeyValueRow {
  key: string;
  value: string;
}

/** A certificate or key: pasted PEM text, or a path the host reads when connecting. */
export interface PemField {
  mode: 'pem' | 'file';
  text: string;
}

/** What the form holds: text as typed, so a half-typed number is not lost to parsing. */
export interface ConnectFormValues {
  // General
  transport: Transport;
  host: string;
  port: string;
  path: string;
  protocolVersion: ProtocolVersion;
  clientId: string;
  // Credentials
  username: string;
  password: string;
  // TLS
  verifyServer: boolean;
  ca: PemField;
  cert: PemField;
  key: PemField;
  passphrase: string;
  servername: string;
  /** Comma-separated protocol names, as people write them ("mqtt, x-amzn-mqtt-ca"). */
  alpn: string;
  // Last will
  willTopic: string;
  willPayload: string;
  willFormat: PayloadFormat;
  willQos: Qos;
  willRetain: boolean;
  willDelayInterval: string;
  willMessageExpiry: string;
  willContentType: string;
  willResponseTopic: string;
  /** Hex digits: correlation data is bytes. */
  willCorrelationData: string;
  willPayloadIsUtf8: boolean;
  willUserProperties: KeyValueRow[];
  // Advanced
  clean: boolean;
  sessionExpiry: string;
  keepalive: string;
  /** Seconds (decimals allowed); the contract counts milliseconds. */
  connectTimeout: string;
  reconnectMaxAttempts: string;
  /** Seconds (decimals allowed). */
  reconnectPeriod: string;
  wsHeaders: KeyValueRow[];
  // MQTT 5
  receiveMaximum: string;
  maximumPacketSize: string;
  topicAliasMaximum: string;
  requestResponseInformation: boolean;
  requestProblemInformation: boolean;
  userProperties: KeyValueRow[];
}

export type ConnectField = keyof ConnectFormValues;
/** Problems by field, plus `form` for what belongs to no single field. */
export type FieldProblems = Partial<Record<ConnectField | 'form', string>>;

export type FormSection = 'general' | 'credentials' | 'tls' | 'will' | 'advanced' | 'mqtt5';

export const DEFAULT_FORM: ConnectFormValues = {
  transport: 'mqtt',
  host: '127.0.0.1',
  port: '1883',
  path: '/mqtt',
  protocolVersion: '5.0',
  clientId: '',
  username: '',
  password: '',
  verifyServer: true,
  ca: { mode: 'pem', text: '' },
  cert: { mode: 'pem', text: '' },
  key: { mode: 'pem', text: '' },
  passphrase: '',
  servername: '',
  alpn: '',
  willTopic: '',
  willPayload: '',
  willFormat: 'text',
  willQos: 0,
  willRetain: false,
  willDelayInterval: '',
  willMessageExpiry: '',
  willContentType: '',
  willResponseTopic: '',
  willCorrelationData: '',
  willPayloadIsUtf8: false,
  willUserProperties: [],
  clean: true,
  sessionExpiry: '',
  keepalive: '60',
  connectTimeout: '10',
  reconnectMaxAttempts: '0',
  reconnectPeriod: '3',
  wsHeaders: [],
  receiveMaximum: '',
  maximumPacketSize: '',
  topicAliasMaximum: '',
  requestResponseInformation: false,
  // MQTT 5's own default (§3.1.2.11.7): brokers send reason strings unless told not to.
  requestProblemInformation: true,
  userProperties: [],
};

/** Which collapsible section each field lives in: a problem opens its section. */
export const SECTION_OF: Record<ConnectField, FormSection> = {
  transport: 'general',
  host: 'general',
  port: 'general',
  path: 'general',
  protocolVersion: 'general',
  clientId: 'general',
  username: 'credentials',
  password: 'credentials',
  verifyServer: 'tls',
  ca: 'tls',
  cert: 'tls',
  key: 'tls',
  passphrase: 'tls',
  servername: 'tls',
  alpn: 'tls',
  willTopic: 'will',
  willPayload: 'will',
  willFormat: 'will',
  willQos: 'will',
  willRetain: 'will',
  willDelayInterval: 'will',
  willMessageExpiry: 'will',
  willContentType: 'will',
  willResponseTopic: 'will',
  willCorrelationData: 'will',
  willPayloadIsUtf8: 'will',
  willUserProperties: 'will',
  clean: 'advanced',
  sessionExpiry: 'advanced',
  keepalive: 'advanced',
  connectTimeout: 'advanced',
  reconnectMaxAttempts: 'advanced',
  reconnectPeriod: 'advanced',
  wsHeaders: 'advanced',
  receiveMaximum: 'mqtt5',
  maximumPacketSize: 'mqtt5',
  topicAliasMaximum: 'mqtt5',
  requestResponseInformation: 'mqtt5',
  requestProblemInformation: 'mqtt5',
  userProperties: 'mqtt5',
};

export function isConnectField(name: string): name is ConnectField {
  return Object.hasOwn(SECTION_OF, name);
}

export const isTlsTransport = (transport: Transport) => transport === 'mqtts' || transport === 'wss';
export const isWsTransport = (transport: Transport) => transport === 'ws' || transport === 'wss';

/** The port people expect for each transport, offered when the transport changes. */
export const DEFAULT_PORTS: Record<Transport, number> = { mqtt: 1883, mqtts: 8883, ws: 8083, wss: 8084 };

/** WebSocket header names are HTTP tokens (RFC 9110 §5.6.2); the contract checks the same. */
const HEADER_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const UINT32_MAX = 0xffff_ffff;

type NumberResult = { ok: true; value: number | undefined } | { ok: false; problem: string };

/** A whole number within bounds, or undefined when the box is empty and that is allowed. */
function wholeNumber(
  text: string,
  min: number,
  max: number,
  sentence: string,
  required = false,
): NumberResult {
  const t = text.trim();
  if (t === '') return required ? { ok: false, problem: sentence } : { ok: true, value: undefined };
  if (!/^\d+$/.test(t)) return { ok: false, problem: sentence };
  const value = Number(t);
  return value < min || value > max ? { ok: false, problem: sentence } : { ok: true, value };
}

/** Seconds as typed (decimals allowed) to whole milliseconds within bounds. */
function secondsToMs(text: string, minMs: number, maxMs: number, sentence: string): NumberResult {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(t)) return { ok: false, problem: sentence };
  const value = Math.round(Number(t) * 1000);
  return value < minMs || value > maxMs ? { ok: false, problem: sentence } : { ok: true, value };
}

/** Problem with a PEM field, or null. Pasted text must look like PEM; a file needs a path. */
export function pemProblem(field: PemField, what: 'caCert' | 'clientCert' | 'privateKey'): string | null {
  const text = field.text.trim();
  if (text === '') return null;
  if (field.mode === 'pem' && !text.includes('-----BEGIN')) {
    return i18n.t('formCheck.notPem', { what: i18n.t(`formCheck.field.${what}`) });
  }
  return null;
}

function pemSource(field: PemField): PemSource | undefined {
  const text = field.text.trim();
  if (text === '') return undefined;
  return field.mode === 'pem' ? { kind: 'pem', pem: field.text } : { kind: 'file', path: text };
}

/** Rows left completely empty are ignored; a value without a name is a mistake. */
function keyValueRows(
  rows: readonly KeyValueRow[],
  checkKey: (key: string) => string | null,
): { ok: true; rows: KeyValueRow[] } | { ok: false; problem: string } {
  const out: KeyValueRow[] = [];
  for (const [index, row] of rows.entries()) {
    if (row.key === '' && row.value === '') continue;
    const problem = checkKey(row.key);
    if (problem) return { ok: false, problem: i18n.t('formCheck.row', { row: index + 1, problem }) };
    out.push({ key: row.key, value: row.value });
  }
  return { ok: true, rows: out };
}

const userPropertyKey = (key: string) => (key === '' ? i18n.t('formCheck.userPropertyName') : null);
const headerKey = (key: string) =>
  key === ''
    ? i18n.t('formCheck.headerName')
    : HEADER_TOKEN.test(key)
      ? null
      : i18n.t('formCheck.headerInvalid', { name: key, symbols: "!#$%&'*+.^_`|~-" });

/** True when any will field was filled in: then the will is sent, and needs a topic. */
export function hasWill(values: ConnectFormValues): boolean {
  return (
    values.willTopic !== '' ||
    values.willPayload !== '' ||
    values.willDelayInterval.trim() !== '' ||
    values.willMessageExpiry.trim() !== '' ||
    values.willContentType !== '' ||
    values.willResponseTopic !== '' ||
    values.willCorrelationData.trim() !== '' ||
    values.willUserProperties.some((r) => r.key !== '' || r.value !== '')
  );
}

/** The will payload's own check, usable while typing. */
export function willPayloadProblem(
  values: Pick<ConnectFormValues, 'willFormat' | 'willPayload'>,
): string | null {
  const encoded = encodePayload({ format: values.willFormat, text: values.willPayload });
  return encoded.ok ? null : engineText(encoded.problem);
}

/** The shared topic sentence, naming which topic it is about. */
/** A topic rule's sentence naming the field it is about ("The will topic is empty."). */
function namedTopicProblem(problem: EngineText, whatKey: string): string {
  return engineText(
    'whatKey' in problem.params ? { ...problem, params: { ...problem.params, whatKey } } : problem,
  );
}

/** Where a contract issue path (from zod or from the host) points in the form. */
const PATH_TO_FIELD: Record<string, ConnectField> = {
  transport: 'transport',
  host: 'host',
  port: 'port',
  path: 'path',
  protocolVersion: 'protocolVersion',
  clientId: 'clientId',
  username: 'username',
  password: 'password',
  wsHeaders: 'wsHeaders',
  'tls.ca': 'ca',
  'tls.cert': 'cert',
  'tls.key': 'key',
  'tls.passphrase': 'passphrase',
  'tls.servername': 'servername',
  'tls.alpnProtocols': 'alpn',
  'tls.verifyServer': 'verifyServer',
  'will.topic': 'willTopic',
  'will.payload': 'willPayload',
  'will.qos': 'willQos',
  'will.retain': 'willRetain',
  'will.properties.willDelayInterval': 'willDelayInterval',
  'will.properties.messageExpiryInterval': 'willMessageExpiry',
  'will.properties.contentType': 'willContentType',
  'will.properties.responseTopic': 'willResponseTopic',
  'will.properties.correlationData': 'willCorrelationData',
  'will.properties.payloadFormatIndicator': 'willPayloadIsUtf8',
  'will.properties.userProperties': 'willUserProperties',
  clean: 'clean',
  sessionExpirySeconds: 'sessionExpiry',
  keepaliveSeconds: 'keepalive',
  connectTimeoutMs: 'connectTimeout',
  'reconnect.maxAttempts': 'reconnectMaxAttempts',
  'reconnect.periodMs': 'reconnectPeriod',
  'connectProperties.receiveMaximum': 'receiveMaximum',
  'connectProperties.maximumPacketSize': 'maximumPacketSize',
  'connectProperties.topicAliasMaximum': 'topicAliasMaximum',
  'connectProperties.requestResponseInformation': 'requestResponseInformation',
  'connectProperties.requestProblemInformation': 'requestProblemInformation',
  'connectProperties.userProperties': 'userProperties',
};

/** The form field an issue path names (the longest known prefix), or undefined. */
export function fieldForIssuePath(path: string | readonly PropertyKey[]): ConnectField | undefined {
  const parts = typeof path === 'string' ? path.split('.') : path.map(String);
  for (let n = parts.length; n > 0; n--) {
    const field = PATH_TO_FIELD[parts.slice(0, n).join('.')];
    if (field) return field;
  }
  return undefined;
}

export type ToOptionsResult = { ok: true; options: ConnectOptions } | { ok: false; problems: FieldProblems };

/**
 * The form as connection.open input. Each field gets its own sentence first; then the
 * contract's own schema checks the whole, so the form never accepts what the host refuses.
 */
export function toConnectOptions(values: ConnectFormValues): ToOptionsResult {
  const problems: FieldProblems = {};
  const fail = (field: ConnectField, problem: string) => {
    if (!problems[field]) problems[field] = problem;
  };
  const number = (field: ConnectField, result: NumberResult): number | undefined => {
    if (result.ok) return result.value;
    fail(field, result.problem);
    return undefined;
  };
  const v5 = values.protocolVersion === '5.0';
  const tls = isTlsTransport(values.transport);

  const port = number('port', wholeNumber(values.port, 1, 65535, i18n.t('formCheck.port'), true));
  const keepalive = number(
    'keepalive',
    wholeNumber(values.keepalive, 0, 65535, i18n.t('formCheck.keepalive'), true),
  );
  const connectTimeoutMs = number(
    'connectTimeout',
    secondsToMs(values.connectTimeout, 100, 120_000, i18n.t('formCheck.connectTimeout')),
  );
  const maxAttempts = number(
    'reconnectMaxAttempts',
    wholeNumber(values.reconnectMaxAttempts, 0, 10_000, i18n.t('formCheck.reconnectAttempts'), true),
  );
  const periodMs = number(
    'reconnectPeriod',
    secondsToMs(values.reconnectPeriod, 100, 3_600_000, i18n.t('formCheck.reconnectPeriod')),
  );

  const options: ConnectOptions = {
    transport: values.transport,
    host: values.host.trim(),
    port: port ?? 0,
    protocolVersion: values.protocolVersion,
    clientId: values.clientId.trim(),
    clean: values.clean,
    keepaliveSeconds: keepalive ?? 0,
    connectTimeoutMs: connectTimeoutMs ?? 0,
    reconnect: { maxAttempts: maxAttempts ?? 0, periodMs: periodMs ?? 0 },
  };
  if (isWsTransport(values.transport)) {
    options.path = values.path;
    const headers = keyValueRows(values.wsHeaders, headerKey);
    if (!headers.ok) fail('wsHeaders', headers.problem);
    else if (headers.rows.length > 0) options.wsHeaders = headers.rows;
  }
  // Empty credentials mean "none", not an empty user name.
  if (values.username !== '') options.username = values.username;
  if (values.password !== '') options.password = values.password;

  if (tls) {
    const tlsOptions: NonNullable<ConnectOptions['tls']> = { verifyServer: values.verifyServer };
    for (const [field, what] of [
      ['ca', 'caCert'],
      ['cert', 'clientCert'],
      ['key', 'privateKey'],
    ] as const) {
      const problem = pemProblem(values[field], what);
      if (problem) fail(field, problem);
      const source = pemSource(values[field]);
      if (source) tlsOptions[field] = source;
    }
    if (tlsOptions.key && !tlsOptions.cert) fail('cert', i18n.t('formCheck.keyNeedsCert'));
    if (tlsOptions.cert && !tlsOptions.key) fail('key', i18n.t('formCheck.certNeedsKey'));
    if (values.passphrase !== '') tlsOptions.passphrase = values.passphrase;
    if (values.servername.trim() !== '') tlsOptions.servername = values.servername.trim();
    const alpn = values.alpn
      .split(/[\s,]+/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (alpn.length > 0) tlsOptions.alpnProtocols = alpn;
    options.tls = tlsOptions;
  }

  if (hasWill(values)) {
    const topicProblem = topicNameProblem(values.willTopic);
    if (topicProblem) fail('willTopic', namedTopicProblem(topicProblem, 'topic.what.willTopic'));
    const payloadProblem = willPayloadProblem(values);
    if (payloadProblem) fail('willPayload', payloadProblem);
    const payload: PayloadInput = { format: values.willFormat, text: values.willPayload };
    const will: NonNullable<ConnectOptions['will']> = {
      topic: values.willTopic,
      payload,
      qos: values.willQos,
      retain: values.willRetain,
    };
    if (v5) {
      const properties: NonNullable<NonNullable<ConnectOptions['will']>['properties']> = {};
      const delay = number(
        'willDelayInterval',
        wholeNumber(values.willDelayInterval, 0, UINT32_MAX, i18n.t('formCheck.willDelay')),
      );
      if (delay !== undefined) properties.willDelayInterval = delay;
      const expiry = number(
        'willMessageExpiry',
        wholeNumber(values.willMessageExpiry, 0, UINT32_MAX, i18n.t('formCheck.willExpiry')),
      );
      if (expiry !== undefined) properties.messageExpiryInterval = expiry;
      if (values.willContentType !== '') properties.contentType = values.willContentType;
      if (values.willResponseTopic !== '') {
        const problem = topicNameProblem(values.willResponseTopic);
        if (problem) fail('willResponseTopic', namedTopicProblem(problem, 'topic.what.responseTopic'));
        properties.responseTopic = values.willResponseTopic;
      }
      if (values.willCorrelationData.trim() !== '') {
        const bytes = encodePayload({ format: 'hex', text: values.willCorrelationData });
        if (!bytes.ok) fail('willCorrelationData', engineText(bytes.problem));
        else properties.correlationData = new Uint8Array(bytes.bytes);
      }
      if (values.willPayloadIsUtf8) properties.payloadFormatIndicator = true;
      const rows = keyValueRows(values.willUserProperties, userPropertyKey);
      if (!rows.ok) fail('willUserProperties', rows.problem);
      else if (rows.rows.length > 0) properties.userProperties = rows.rows;
      if (Object.keys(properties).length > 0) will.properties = properties;
    }
    options.will = will;
  }

  if (v5) {
    const expiry = number(
      'sessionExpiry',
      wholeNumber(values.sessionExpiry, 0, UINT32_MAX, i18n.t('formCheck.sessionExpiry')),
    );
    if (expiry !== undefined) options.sessionExpirySeconds = expiry;
    const properties: NonNullable<ConnectOptions['connectProperties']> = {};
    const receiveMaximum = number(
      'receiveMaximum',
      wholeNumber(values.receiveMaximum, 1, 65535, i18n.t('formCheck.receiveMaximum')),
    );
    if (receiveMaximum !== undefined) properties.receiveMaximum = receiveMaximum;
    const maximumPacketSize = number(
      'maximumPacketSize',
      wholeNumber(values.maximumPacketSize, 1, 268_435_460, i18n.t('formCheck.maximumPacketSize')),
    );
    if (maximumPacketSize !== undefined) properties.maximumPacketSize = maximumPacketSize;
    const topicAliasMaximum = number(
      'topicAliasMaximum',
      wholeNumber(values.topicAliasMaximum, 0, 65535, i18n.t('formCheck.topicAliasMaximum')),
    );
    if (topicAliasMaximum !== undefined) properties.topicAliasMaximum = topicAliasMaximum;
    // Only what differs from MQTT 5's defaults goes on the wire.
    if (values.requestResponseInformation) properties.requestResponseInformation = true;
    if (!values.requestProblemInformation) properties.requestProblemInformation = false;
    const rows = keyValueRows(values.userProperties, userPropertyKey);
    if (!rows.ok) fail('userProperties', rows.problem);
    else if (rows.rows.length > 0) properties.userProperties = rows.rows;
    if (Object.keys(properties).length > 0) options.connectProperties = properties;
  }

  // The contract has the last word, and the same sentences as the host.
  const parsed = ConnectOptionsSchema.safeParse(options);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldForIssuePath(issue.path);
      if (field) fail(field, ruleMessage(issue.message));
      else if (!problems.form) problems.form = ruleMessage(issue.message);
    }
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, options };
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const text = (n: number | undefined) => (n === undefined ? '' : String(n));
const seconds = (ms: number) => String(ms / 1000);
const pemField = (source: PemSource | undefined): PemField =>
  !source
    ? { mode: 'pem', text: '' }
    : source.kind === 'pem'
      ? { mode: 'pem', text: source.pem }
      : { mode: 'file', text: source.path };

function payloadFields(payload: PayloadInput): { willFormat: PayloadFormat; willPayload: string } {
  if (typeof payload === 'string') return { willFormat: 'text', willPayload: payload };
  if (payload.format === 'bytes') return { willFormat: 'hex', willPayload: toHex(payload.bytes) };
  return { willFormat: payload.format, willPayload: payload.text };
}

/** ConnectOptions (a saved profile, an import) back into the form: the inverse of toConnectOptions. */
export function fromConnectOptions(options: ConnectOptions): ConnectFormValues {
  const tls = options.tls;
  const will = options.will;
  const wp = will?.properties;
  const cp = options.connectProperties;
  return {
    ...DEFAULT_FORM,
    transport: options.transport,
    host: options.host,
    port: String(options.port),
    path: options.path ?? DEFAULT_FORM.path,
    protocolVersion: options.protocolVersion ?? DEFAULT_FORM.protocolVersion,
    clientId: options.clientId ?? '',
    username: options.username ?? '',
    password: options.password ?? '',
    verifyServer: tls?.verifyServer ?? true,
    ca: pemField(tls?.ca),
    cert: pemField(tls?.cert),
    key: pemField(tls?.key),
    passphrase: tls?.passphrase ?? '',
    servername: tls?.servername ?? '',
    alpn: tls?.alpnProtocols?.join(', ') ?? '',
    ...(will ? payloadFields(will.payload) : {}),
    willTopic: will?.topic ?? '',
    willQos: will?.qos ?? 0,
    willRetain: will?.retain ?? false,
    willDelayInterval: text(wp?.willDelayInterval),
    willMessageExpiry: text(wp?.messageExpiryInterval),
    willContentType: wp?.contentType ?? '',
    willResponseTopic: wp?.responseTopic ?? '',
    willCorrelationData: wp?.correlationData ? toHex(wp.correlationData) : '',
    willPayloadIsUtf8: wp?.payloadFormatIndicator ?? false,
    willUserProperties: wp?.userProperties?.map((r) => ({ ...r })) ?? [],
    clean: options.clean ?? true,
    sessionExpiry: text(options.sessionExpirySeconds),
    keepalive: String(options.keepaliveSeconds ?? 60),
    connectTimeout: seconds(options.connectTimeoutMs ?? 10_000),
    reconnectMaxAttempts: String(options.reconnect?.maxAttempts ?? 0),
    reconnectPeriod: seconds(options.reconnect?.periodMs ?? 3000),
    wsHeaders: options.wsHeaders?.map((r) => ({ ...r })) ?? [],
    receiveMaximum: text(cp?.receiveMaximum),
    maximumPacketSize: text(cp?.maximumPacketSize),
    topicAliasMaximum: text(cp?.topicAliasMaximum),
    requestResponseInformation: cp?.requestResponseInformation ?? false,
    requestProblemInformation: cp?.requestProblemInformation ?? true,
    userProperties: cp?.userProperties?.map((r) => ({ ...r })) ?? [],
  };
}
