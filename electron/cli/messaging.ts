/**
 * `mqscope pub` and `mqscope sub`: one mqtt.js client built by the engine's own option
 * builder (TLS, credentials, protocol), with payloads encoded by the app's payload formats.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { encodePayload, type ParsedConnectOptions, type PayloadFormat, type Qos } from '../contract';
import { brokerUrl, buildClientOptions, generateClientId } from '../engine/client-options';
import { reasonCodeText } from '../engine/errors';
import { english } from '../engine/text/english';
import type { CodecId, EncodableCodec } from '../codecs';
import { codecContext, decodeForPrint, encodeWith, isEncodable, type CodecArgs } from './codec-options';
import type { Io } from './io';

const CONNECT_TIMEOUT_MS = 10_000;

/** Connects, or rejects with one sentence saying why not. */
async function connect(options: ParsedConnectOptions): Promise<MqttClient> {
  const clientOptions = await buildClientOptions(options, generateClientId());
  const client = mqtt.connect(brokerUrl(options), {
    ...clientOptions,
    connectTimeout: CONNECT_TIMEOUT_MS,
    manualConnect: true,
  });
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      client.end(true);
      reject(new Error(`Could not connect to ${brokerUrl(options)}: ${why}`));
    };
    client.once('connect', () => resolve(client));
    client.once('error', (error: Error & { code?: number | string }) =>
      fail(typeof error.code === 'number' ? reasonCodeText(error.code) : error.message),
    );
    client.once('close', () => fail('the connection closed.'));
    client.connect();
  });
}

export async function publishCommand(
  io: Io,
  options: ParsedConnectOptions,
  args: {
    topic: string;
    message: string;
    format: PayloadFormat | EncodableCodec;
    qos: Qos;
    retain: boolean;
    codecArgs: CodecArgs;
  },
): Promise<number> {
  const format = args.format;
  const encoded = isEncodable(format)
    ? encodeWith(format, args.message, args.codecArgs, await codecContext(args.codecArgs))
    : encodePayload({ format, text: args.message });
  if (!encoded.ok) {
    io.stderr(`mqscope pub: ${'problem' in encoded ? english(encoded.problem) : encoded.message}`);
    return 2;
  }
  const client = await connect(options);
  try {
    const code = await new Promise<number>((resolve, reject) =>
      client.publish(
        args.topic,
        Buffer.from(encoded.bytes),
        { qos: args.qos, retain: args.retain },
        (error, packet) => {
          const reason = (packet as { reasonCode?: number } | undefined)?.reasonCode ?? 0;
          if (error && reason < 0x80) reject(error);
          else resolve(reason);
        },
      ),
    );
    if (code >= 0x80) {
      io.stderr(`mqscope pub: the broker refused the message: ${reasonCodeText(code)}.`);
      return 1;
    }
    return 0;
  } finally {
    await client.endAsync();
  }
}

function isText(bytes: Buffer): boolean {
  return !bytes.includes(0) && Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

export async function subscribeCommand(
  io: Io,
  options: ParsedConnectOptions,
  args: {
    filters: string[];
    qos: Qos;
    count?: number;
    timeoutSeconds?: number;
    json: boolean;
    decode?: CodecId | 'auto';
    codecArgs: CodecArgs;
  },
): Promise<number> {
  // Read before connecting: a .proto that does not parse is a usage problem, not a broker one.
  const context = args.decode ? await codecContext(args.codecArgs) : {};
  const client = await connect(options);
  let received = 0;
  let finish: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (finish = resolve));
  client.on('message', (topic, payload, packet) => {
    if (args.count !== undefined && received >= args.count) return;
    received++;
    const contentType = packet.properties?.contentType;
    const decoded = args.decode
      ? decodeForPrint(args.decode, topic, contentType, payload, args.codecArgs, context)
      : null;
    const text = isText(payload);
    if (decoded) {
      const shown = decoded.ok
        ? { decoded: JSON.parse(decoded.text) as unknown }
        : { decodeError: decoded.text };
      if (args.json)
        io.stdout(
          JSON.stringify({ topic, qos: packet.qos, retain: packet.retain, codec: decoded.codec, ...shown }),
        );
      else
        io.stdout(
          `${topic} ${decoded.ok ? decoded.text : `(${decoded.codec}: ${decoded.text}) 0x${payload.toString('hex')}`}`,
        );
    } else if (args.json) {
      io.stdout(
        JSON.stringify({
          topic,
          qos: packet.qos,
          retain: packet.retain,
          ...(text ? { payload: payload.toString('utf8') } : { payloadHex: payload.toString('hex') }),
        }),
      );
    } else {
      io.stdout(`${topic} ${text ? payload.toString('utf8') : `0x${payload.toString('hex')}`}`);
    }
    if (args.count !== undefined && received >= args.count) finish(0);
  });
  client.on('close', () => finish(received > 0 || args.count === undefined ? 0 : 2));
  const timer =
    args.timeoutSeconds === undefined ? undefined : setTimeout(() => finish(0), args.timeoutSeconds * 1000);
  try {
    const granted = await client.subscribeAsync(args.filters, { qos: args.qos });
    const refused = granted.filter((g) => g.qos >= 0x80);
    if (refused.length) {
      io.stderr(
        `mqscope sub: the broker refused ${refused.map((g) => `${g.topic} (${reasonCodeText(g.qos)})`).join(', ')}.`,
      );
      return 1;
    }
    return await done;
  } finally {
    clearTimeout(timer);
    await client.endAsync();
  }
}
