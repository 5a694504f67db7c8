/**
 * A profile as a ready-to-run mqtt.js (Node) snippet. Secrets never appear in it: they
 * are read from environment variables, named in a comment at the top.
 */
import type { ParsedProfileOptions, PayloadInput } from '../../../contract';
import { brokerUrl, protocolFields } from '../../client-options';

/** Printed as-is: an expression, not a value. */
class Raw {
  constructor(readonly code: string) {}
}

type Printable = string | number | boolean | Raw | Printable[] | { [key: string]: Printable | undefined };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function print(value: Printable, indent: string): string {
  if (value instanceof Raw) return value.code;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${print(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter((e): e is [string, Printable] => e[1] !== undefined);
  if (entries.length === 0) return '{}';
  const lines = entries.map(
    ([k, v]) => `${inner}${IDENTIFIER.test(k) ? k : print(k, inner)}: ${print(v, inner)},`,
  );
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function bytes(data: Uint8Array): Raw {
  return new Raw(`Buffer.from('${Buffer.from(data).toString('hex')}', 'hex')`);
}

function payload(input: PayloadInput): Printable {
  if (typeof input === 'string') return input;
  if (input.format === 'bytes') return bytes(input.bytes);
  if (input.format === 'hex' || input.format === 'base64')
    return new Raw(`Buffer.from(${print(input.text, '')}, '${input.format}')`);
  return input.text;
}

function pairs(list: { key: string; value: string }[] | undefined): Printable | undefined {
  if (!list?.length) return undefined;
  // User property names are the user's: "constructor" must not find Object's.
  const out = Object.create(null) as Record<string, Printable>;
  for (const { key, value } of list) {
    const existing = out[key];
    out[key] =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

export interface SnippetSecrets {
  password: boolean;
  passphrase: boolean;
  keyPem: boolean;
  /** Headers whose value is a saved secret (Trust #13): read from the environment too. */
  wsHeaders?: readonly string[];
}

/** `Authorization` → `MQTT_HEADER_AUTHORIZATION`. */
export const headerEnv = (key: string) => `MQTT_HEADER_${key.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;

export const SECRET_ENV = {
  password: 'MQTT_PASSWORD',
  passphrase: 'MQTT_KEY_PASSPHRASE',
  keyPem: 'MQTT_KEY_PEM',
} as const;

export function profileToMqttjs(
  name: string,
  options: ParsedProfileOptions,
  secrets: SnippetSecrets,
): string {
  const tlsOn = options.transport === 'mqtts' || options.transport === 'wss';
  const usesFiles =
    tlsOn && [options.tls?.ca, options.tls?.cert, options.tls?.key].some((s) => s?.kind === 'file');
  const pem = (source: { kind: 'pem'; pem: string } | { kind: 'file'; path: string } | undefined) =>
    source === undefined
      ? undefined
      : source.kind === 'pem'
        ? source.pem
        : new Raw(`readFileSync(${print(source.path, '')})`);
  const { protocolVersion } = protocolFields(options.protocolVersion);

  const connect: Record<string, Printable | undefined> = {
    protocolVersion: protocolVersion ?? 4,
    ...(options.protocolVersion === '3.1' ? { protocolId: 'MQIsdp' } : {}),
    clientId: options.clientId || undefined,
    username: options.username,
    password: secrets.password ? new Raw(`process.env.${SECRET_ENV.password}`) : undefined,
    keepalive: options.keepaliveSeconds,
    connectTimeout: options.connectTimeoutMs,
    // MQScope stops after maxAttempts; mqtt.js has no such limit, only the period (0 = never).
    reconnectPeriod: options.reconnect.maxAttempts === 0 ? 0 : options.reconnect.periodMs,
    clean: options.clean,
  };
  if (tlsOn) {
    const tls = options.tls;
    Object.assign(connect, {
      rejectUnauthorized: tls?.verifyServer ?? true,
      ca: pem(tls?.ca),
      cert: pem(tls?.cert),
      key: tls?.key ? pem(tls.key) : secrets.keyPem ? new Raw(`process.env.${SECRET_ENV.keyPem}`) : undefined,
      passphrase: secrets.passphrase ? new Raw(`process.env.${SECRET_ENV.passphrase}`) : undefined,
      servername: tls?.servername,
      ALPNProtocols: tls?.alpnProtocols?.length ? tls.alpnProtocols : undefined,
    });
  }
  if (options.will) {
    const w = options.will;
    const p = w.properties;
    connect['will'] = {
      topic: w.topic,
      payload: payload(w.payload),
      qos: w.qos,
      retain: w.retain,
      properties:
        p && options.protocolVersion === '5.0'
          ? {
              willDelayInterval: p.willDelayInterval,
              messageExpiryInterval: p.messageExpiryInterval,
              contentType: p.contentType,
              responseTopic: p.responseTopic,
              payloadFormatIndicator: p.payloadFormatIndicator,
              correlationData: p.correlationData ? bytes(p.correlationData) : undefined,
              userProperties: pairs(p.userProperties),
            }
          : undefined,
    };
  }
  if (options.protocolVersion === '5.0') {
    const cp = options.connectProperties;
    const properties: Record<string, Printable | undefined> = {
      sessionExpiryInterval: options.sessionExpirySeconds,
      receiveMaximum: cp?.receiveMaximum,
      maximumPacketSize: cp?.maximumPacketSize,
      topicAliasMaximum: cp?.topicAliasMaximum,
      requestResponseInformation: cp?.requestResponseInformation,
      requestProblemInformation: cp?.requestProblemInformation,
      userProperties: pairs(cp?.userProperties),
    };
    if (Object.values(properties).some((v) => v !== undefined)) connect['properties'] = properties;
  }
  const sealedHeaders = new Set(secrets.wsHeaders ?? []);
  const headerEnvs: string[] = [];
  if ((options.transport === 'ws' || options.transport === 'wss') && options.wsHeaders?.length) {
    const headerValue = (h: { key: string; value: string }) => {
      if (h.value !== '' || !sealedHeaders.has(h.key)) return h.value;
      headerEnvs.push(headerEnv(h.key));
      return new Raw(`process.env.${headerEnv(h.key)}`);
    };
    connect['wsOptions'] = {
      headers: Object.fromEntries(options.wsHeaders.map((h) => [h.key, headerValue(h)])),
    };
  }

  const envs = [
    ...(['password', 'passphrase', 'keyPem'] as const).filter((k) => secrets[k]).map((k) => SECRET_ENV[k]),
    ...headerEnvs,
  ];
  const lines = [
    `// MQScope profile "${name.replace(/[\r\n]+/g, ' ')}" as mqtt.js code (Node.js, mqtt 5).`,
    ...(envs.length ? [`// Secrets come from the environment: ${envs.join(', ')}.`] : []),
    ...(options.reconnect.maxAttempts > 0
      ? [
          `// MQScope stops after ${options.reconnect.maxAttempts} reconnect attempts; mqtt.js retries without limit.`,
        ]
      : []),
    'import mqtt from "mqtt";',
    ...(usesFiles ? ['import { readFileSync } from "node:fs";'] : []),
    '',
    `const client = mqtt.connect(${print(brokerUrl(options), '')}, ${print(connect, '')});`,
    '',
    'client.on("connect", (connack) => console.log("connected", connack.sessionPresent ? "(session present)" : ""));',
    'client.on("error", (error) => console.error("error:", error.message));',
    'client.on("message", (topic, payload) => console.log(topic, payload.toString()));',
    '',
  ];
  return lines.join('\n');
}
