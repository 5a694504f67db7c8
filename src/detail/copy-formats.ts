/**
 * A message as the user copies it: the whole message as JSON, a mosquitto_pub command
 * line and an mqtt.js publish call, both runnable and carrying the MQTT 5 properties.
 * Pure, so every format is unit-tested; the broker's credentials are never included.
 */
import type { MessageDetail, MessageProperties } from '../../electron/contract';
import { firstInvalidUtf8, toBase64 } from '../inspector/decode';

/** Text a shell passes through unchanged: single quotes, with ' written as '\''. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function isText(bytes: Uint8Array): boolean {
  return firstInvalidUtf8(bytes) === -1 && !bytes.includes(0);
}

const decoder = new TextDecoder();

/** Bytes as printf's %b escapes, for payloads a command-line argument cannot hold. */
function printfEscapes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
}

export function messageAsJson(detail: MessageDetail): string {
  const text = isText(detail.payload);
  const p = detail.properties;
  const properties = p && {
    ...p,
    ...(p.correlationData && { correlationData: { base64: toBase64(p.correlationData) } }),
  };
  return JSON.stringify(
    {
      topic: detail.topic,
      qos: detail.qos,
      retain: detail.retain,
      receivedAt: new Date(detail.receivedAt).toISOString(),
      size: detail.size,
      ...(text ? { payload: decoder.decode(detail.payload) } : { payloadBase64: toBase64(detail.payload) }),
      ...(properties && { properties }),
    },
    null,
    2,
  );
}

/** Host and port of an mqtt:// or mqtts:// URL, for mosquitto_pub's -h/-p. */
function hostPort(url: string): { host: string; port: string; tls: boolean } {
  try {
    const u = new URL(url);
    const tls = u.protocol === 'mqtts:' || u.protocol === 'wss:';
    return { host: u.hostname || 'localhost', port: u.port || (tls ? '8883' : '1883'), tls };
  } catch {
    return { host: 'localhost', port: '1883', tls: false };
  }
}

function propertyArgs(p: MessageProperties | undefined): string[] {
  if (!p) return [];
  const args: string[] = [];
  const d = (name: string, ...values: string[]) =>
    args.push(`-D publish ${name} ${values.map(shellQuote).join(' ')}`);
  if (p.payloadFormatIndicator !== undefined)
    d('payload-format-indicator', p.payloadFormatIndicator ? '1' : '0');
  if (p.messageExpiryInterval !== undefined) d('message-expiry-interval', String(p.messageExpiryInterval));
  if (p.contentType !== undefined) d('content-type', p.contentType);
  if (p.responseTopic !== undefined) d('response-topic', p.responseTopic);
  if (p.correlationData !== undefined) d('correlation-data', decoder.decode(p.correlationData));
  for (const { key, value } of p.userProperties ?? []) d('user-property', key, value);
  return args;
}

/** A mosquitto_pub command that publishes the same bytes and properties (add -u/-P if needed). */
export function mosquittoPubCommand(detail: MessageDetail, url: string, v5: boolean): string {
  const { host, port, tls } = hostPort(url);
  const args = ['mosquitto_pub', '-h', shellQuote(host), '-p', port];
  if (tls) args.push('--capath', '/etc/ssl/certs');
  if (v5) args.push('-V', 'mqttv5');
  args.push('-t', shellQuote(detail.topic), '-q', String(detail.qos));
  if (detail.retain) args.push('-r');
  if (v5) args.push(...propertyArgs(detail.properties));
  if (detail.payload.length === 0) return [...args, '-n'].join(' ');
  if (isText(detail.payload)) return [...args, '-m', shellQuote(decoder.decode(detail.payload))].join(' ');
  // -s reads the message from stdin: the only way to send arbitrary bytes.
  return `printf '%b' ${shellQuote(printfEscapes(detail.payload))} | ${[...args, '-s'].join(' ')}`;
}

/** An mqtt.js `client.publish(...)` call with the same payload, options and properties. */
export function mqttjsPublishCall(detail: MessageDetail): string {
  const payload = isText(detail.payload)
    ? JSON.stringify(decoder.decode(detail.payload))
    : `Buffer.from(${JSON.stringify(toBase64(detail.payload))}, 'base64')`;
  const p = detail.properties;
  const props: string[] = [];
  if (p?.payloadFormatIndicator !== undefined)
    props.push(`payloadFormatIndicator: ${p.payloadFormatIndicator}`);
  if (p?.messageExpiryInterval !== undefined) props.push(`messageExpiryInterval: ${p.messageExpiryInterval}`);
  if (p?.contentType !== undefined) props.push(`contentType: ${JSON.stringify(p.contentType)}`);
  if (p?.responseTopic !== undefined) props.push(`responseTopic: ${JSON.stringify(p.responseTopic)}`);
  if (p?.correlationData !== undefined) {
    props.push(`correlationData: Buffer.from(${JSON.stringify(toBase64(p.correlationData))}, 'base64')`);
  }
  if (p?.userProperties?.length) {
    // mqtt.js takes user properties as an object; a repeated key becomes an array.
    const grouped = new Map<string, string[]>();
    for (const { key, value } of p.userProperties) grouped.set(key, [...(grouped.get(key) ?? []), value]);
    const entries = [...grouped].map(
      ([k, v]) => `${JSON.stringify(k)}: ${v.length === 1 ? JSON.stringify(v[0]) : JSON.stringify(v)}`,
    );
    props.push(`userProperties: { ${entries.join(', ')} }`);
  }
  const options = [`qos: ${detail.qos}`, `retain: ${detail.retain}`];
  if (props.length > 0) options.push(`properties: { ${props.join(', ')} }`);
  return `client.publish(${JSON.stringify(detail.topic)}, ${payload}, { ${options.join(', ')} });`;
}

/** The payload as pretty JSON, or null when it is not JSON. */
export function prettyJson(text: string): string | null {
  try {
    return JSON.stringify(JSON.parse(text) as unknown, null, 2);
  } catch {
    return null;
  }
}
