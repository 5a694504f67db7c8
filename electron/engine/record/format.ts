/**
 * The recording file format (documented in the README): JSON Lines, one header line, then one
 * line per message. Payloads and correlation data are base64, so every byte survives and
 * `jq` reads every line. Decoding also accepts the message log's JSON Lines export, so an
 * export can be replayed too.
 */
import type { MessageProperties, Qos, ReceivedMessage } from '../../contract';

export const RECORDING_FORMAT = 'mqscope-recording';
export const RECORDING_VERSION = 1;

export interface RecordingHeader {
  format: typeof RECORDING_FORMAT;
  version: number;
  broker: string;
  clientId: string;
  filter: string | null;
  includeSent: boolean;
  /** Epoch ms, and the same instant as ISO text for people reading the file. */
  startedAt: number;
  started: string;
}

export type Direction = 'in' | 'out';

/** One message as a replay needs it. */
export interface RecordedMessage {
  /** Epoch ms. */
  time: number;
  direction: Direction;
  topic: string;
  qos: Qos;
  retain: boolean;
  payload: Uint8Array;
  properties?: MessageProperties;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function headerLine(header: Omit<RecordingHeader, 'format' | 'version' | 'started'>): string {
  const full: RecordingHeader = {
    format: RECORDING_FORMAT,
    version: RECORDING_VERSION,
    ...header,
    started: new Date(header.startedAt).toISOString(),
  };
  return JSON.stringify(full);
}

function propertiesJson(props: MessageProperties): Record<string, unknown> {
  const { correlationData, ...rest } = props;
  return correlationData ? { ...rest, correlationData: base64(correlationData) } : rest;
}

/** One message as one line (no newline). `size` is written only when the payload was cut. */
export function messageLine(message: ReceivedMessage, direction: Direction): string {
  return JSON.stringify({
    time: message.receivedAt,
    direction,
    topic: message.topic,
    qos: message.qos,
    retain: message.retain,
    payload: base64(message.payload),
    ...(message.size !== undefined && { size: message.size }),
    ...(message.properties && { properties: propertiesJson(message.properties) }),
  });
}

// ---------------------------------------------------------------------------------------
// Reading: every field is checked, a file is hostile input.

export type ParsedLine =
  | { kind: 'header'; header: RecordingHeader }
  | { kind: 'message'; message: RecordedMessage }
  | { kind: 'bad'; reason: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function bytesFrom(value: unknown, encoding: unknown): Uint8Array<ArrayBuffer> | null {
  if (typeof value !== 'string') return null;
  if (encoding === 'utf8') return new Uint8Array(Buffer.from(value, 'utf8'));
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value)) return null;
  return new Uint8Array(Buffer.from(value, 'base64'));
}

/** The export writes correlation data as JSON.stringify does a Uint8Array: {"0":1,"1":2}. */
function correlationFrom(value: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (typeof value === 'string') return bytesFrom(value, 'base64') ?? undefined;
  if (isRecord(value)) {
    const bytes = Object.keys(value).map((k) => Number(value[k]));
    if (bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) return new Uint8Array(bytes);
  }
  return undefined;
}

function propertiesFrom(value: unknown): MessageProperties | undefined {
  if (!isRecord(value)) return undefined;
  const out: MessageProperties = {};
  if (typeof value.payloadFormatIndicator === 'boolean')
    out.payloadFormatIndicator = value.payloadFormatIndicator;
  const expiry = value.messageExpiryInterval;
  if (typeof expiry === 'number' && Number.isInteger(expiry) && expiry >= 0)
    out.messageExpiryInterval = expiry;
  if (typeof value.responseTopic === 'string') out.responseTopic = value.responseTopic;
  const correlation = correlationFrom(value.correlationData);
  if (correlation) out.correlationData = correlation;
  if (typeof value.contentType === 'string') out.contentType = value.contentType;
  if (Array.isArray(value.userProperties)) {
    const pairs = value.userProperties.filter(
      (p): p is { key: string; value: string } =>
        isRecord(p) && typeof p.key === 'string' && typeof p.value === 'string',
    );
    if (pairs.length) out.userProperties = pairs.map(({ key, value: v }) => ({ key, value: v }));
  }
  return Object.keys(out).length ? out : undefined;
}

function timeFrom(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

/** A recording's header, a recorded message, or an exported one; anything else is "bad". */
export function parseLine(text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'bad', reason: 'not JSON (a line cut short?)' };
  }
  if (!isRecord(value)) return { kind: 'bad', reason: 'not a JSON object' };
  if (value.format === RECORDING_FORMAT) {
    if (value.version !== RECORDING_VERSION)
      return { kind: 'bad', reason: `recording format version ${String(value.version)} is not supported` };
    return { kind: 'header', header: value as unknown as RecordingHeader };
  }
  const time = timeFrom(value.time);
  if (time === null) return { kind: 'bad', reason: 'no valid "time"' };
  if (typeof value.topic !== 'string' || value.topic === '') return { kind: 'bad', reason: 'no "topic"' };
  const qos = value.qos;
  if (qos !== 0 && qos !== 1 && qos !== 2) return { kind: 'bad', reason: '"qos" is not 0, 1 or 2' };
  // A recording is always base64; an export says which encoding it used.
  const payload = bytesFrom(value.payload, value.encoding ?? 'base64');
  if (!payload) return { kind: 'bad', reason: '"payload" is not valid base64 or text' };
  const message: RecordedMessage = {
    time,
    direction: value.direction === 'out' ? 'out' : 'in',
    topic: value.topic,
    qos,
    retain: value.retain === true,
    payload,
  };
  const properties = propertiesFrom(value.properties);
  if (properties) message.properties = properties;
  return { kind: 'message', message };
}
