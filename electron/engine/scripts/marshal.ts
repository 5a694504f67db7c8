/**
 * The engine's half of the boundary: messages out to a script as plain fields, and a
 * script's requests back in as JSON text, parsed and validated here (zod) like any other
 * untrusted input. Nothing a script returns is used before it passes these schemas.
 */
import type { IClientPublishOptions } from 'mqtt';
import { z } from 'zod';
import type { MessageProperties, Qos, ScriptError } from '../../contract';
import { QosSchema, TopicFilterSchema, TopicNameSchema, UserPropertiesSchema } from '../../contract';
import type { WireMessage } from './protocol';
import { scriptFailure } from './script-error';
import { nestText } from '../errors';
import { issueText } from '../text/issue-text';
import { text } from '../text/keys';

const decoder = new TextDecoder('utf-8', { fatal: false });

export interface MessageLike {
  topic: string;
  payload: Uint8Array;
  qos: Qos;
  retain: boolean;
  properties?: MessageProperties | undefined;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function wireMessage(message: MessageLike): WireMessage {
  const wire: WireMessage = {
    topic: message.topic,
    payload: decoder.decode(message.payload),
    bytes: base64(message.payload),
    qos: message.qos,
    retain: message.retain,
  };
  const p = message.properties;
  if (p) {
    wire.properties = {
      ...(p.responseTopic !== undefined && { responseTopic: p.responseTopic }),
      ...(p.correlationData !== undefined && { correlationData: base64(p.correlationData) }),
      ...(p.userProperties !== undefined && { userProperties: p.userProperties }),
      ...(p.contentType !== undefined && { contentType: p.contentType }),
    };
  }
  return wire;
}

const Bytes = z.union([
  z.object({ text: z.string() }).strict(),
  z.object({ base64: z.string().max(64 * 1024 * 1024) }).strict(),
]);

const ScriptPublishSchema = z
  .object({
    topic: TopicNameSchema,
    payload: Bytes,
    qos: QosSchema,
    retain: z.boolean(),
    properties: z
      .object({
        responseTopic: TopicNameSchema.optional(),
        contentType: z.string().max(65535).optional(),
        messageExpiryInterval: z.number().int().min(0).max(0xffff_ffff).optional(),
        payloadFormatIndicator: z.boolean().optional(),
        userProperties: UserPropertiesSchema.optional(),
        correlationData: Bytes.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export interface ScriptPublish {
  topic: string;
  payload: Uint8Array<ArrayBuffer>;
  qos: Qos;
  retain: boolean;
  properties?: MessageProperties;
}

function bytesOf(value: z.infer<typeof Bytes>): Uint8Array<ArrayBuffer> {
  return 'text' in value
    ? new TextEncoder().encode(value.text)
    : new Uint8Array(Buffer.from(value.base64, 'base64'));
}

/** MQTT 5 properties as mqtt.js takes them on a client of its own (a device's). */
export function clientProperties(p: MessageProperties): IClientPublishOptions['properties'] {
  const { correlationData, userProperties, subscriptionIdentifiers: _ids, ...rest } = p;
  const out: NonNullable<IClientPublishOptions['properties']> = { ...rest };
  if (correlationData) out.correlationData = Buffer.from(correlationData);
  if (userProperties?.length) {
    const grouped = new Map<string, string[]>();
    for (const { key, value } of userProperties) grouped.set(key, [...(grouped.get(key) ?? []), value]);
    // fromEntries defines own keys: a "__proto__" property name stays data.
    out.userProperties = Object.fromEntries(grouped);
  }
  return out;
}

/** Which call was refused and why, in the words the contract's own inputs get (issueText). */
function problem(error: z.ZodError, call: string): ScriptError {
  const first = error.issues[0];
  const why = first ? issueText(first) : text('input.invalid');
  const path = first?.path
    .map((key) => (typeof key === 'symbol' ? (key.description ?? '') : `${key}`))
    .join('.');
  return path
    ? scriptFailure('scripts.error.refusedAt', { call, path, ...nestText('why', why) })
    : scriptFailure('scripts.error.refused', { call, ...nestText('why', why) });
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

export function parsePublish(
  json: string,
): { ok: true; value: ScriptPublish } | { ok: false; error: ScriptError } {
  const parsed = ScriptPublishSchema.safeParse(parseJson(json));
  if (!parsed.success) return { ok: false, error: problem(parsed.error, 'publish()') };
  const { topic, payload, qos, retain, properties } = parsed.data;
  const value: ScriptPublish = { topic, payload: bytesOf(payload), qos, retain };
  if (properties) {
    const { correlationData, ...rest } = properties;
    value.properties = { ...rest, ...(correlationData && { correlationData: bytesOf(correlationData) }) };
  }
  return { ok: true, value };
}

const SubscribeSchema = z.object({ filter: TopicFilterSchema, qos: QosSchema }).strict();
export function parseSubscribe(json: string) {
  const parsed = SubscribeSchema.safeParse(parseJson(json));
  return parsed.success
    ? { ok: true as const, value: parsed.data }
    : { ok: false as const, error: problem(parsed.error, 'subscribe()') };
}

const OnSchema = z.object({ filter: TopicFilterSchema, index: z.number().int().min(0) }).strict();
export function parseOn(json: string) {
  const parsed = OnSchema.safeParse(parseJson(json));
  return parsed.success
    ? { ok: true as const, value: parsed.data }
    : { ok: false as const, error: problem(parsed.error, 'on()') };
}

const LOG_TEXT_MAX = 4096;
const LogSchema = z.object({ level: z.enum(['log', 'warn', 'error']), text: z.string() }).strict();
export function parseLog(json: string): { level: 'log' | 'warn' | 'error'; text: string } | null {
  const parsed = LogSchema.safeParse(parseJson(json));
  if (!parsed.success) return null;
  const { level, text } = parsed.data;
  return { level, text: text.length > LOG_TEXT_MAX ? `${text.slice(0, LOG_TEXT_MAX)}…` : text };
}
