import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IClientOptions } from 'mqtt';
import {
  DEFAULT_MAX_PACKET_BYTES,
  encodePayload,
  type ParsedConnectOptions,
  type PemSource,
  type ProtocolVersion,
} from '../contract';
import { EngineError, nestText } from './errors';
import { userPropertiesToPacket } from './properties';
import { checkTlsMaterial } from './tls-material';
import { text } from './text/keys';

/** The Maximum Packet Size in force: the profile's, or the default (see DEFAULT_MAX_PACKET_BYTES). */
export function maxPacketSize(options: ParsedConnectOptions): number {
  return options.connectProperties?.maximumPacketSize ?? DEFAULT_MAX_PACKET_BYTES;
}

export function generateClientId(): string {
  return `mqscope_${randomBytes(4).toString('hex')}`;
}

export function brokerUrl(options: ParsedConnectOptions): string {
  const base = `${options.transport}://${options.host}:${options.port}`;
  return options.transport === 'ws' || options.transport === 'wss' ? `${base}${options.path}` : base;
}

/** mqtt.js's numbers for the versions people name; 3.1 also needs its old protocol name. */
export function protocolFields(
  version: ProtocolVersion,
): Pick<IClientOptions, 'protocolVersion' | 'protocolId'> {
  if (version === '3.1') return { protocolVersion: 3, protocolId: 'MQIsdp' };
  return { protocolVersion: version === '3.1.1' ? 4 : 5, protocolId: 'MQTT' };
}

export function isTls(options: ParsedConnectOptions): boolean {
  return options.transport === 'mqtts' || options.transport === 'wss';
}

async function readPem(source: PemSource | undefined, what: string): Promise<string | undefined> {
  if (!source) return undefined;
  if (source.kind === 'pem') return source.pem;
  try {
    return await readFile(source.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new EngineError(
      'invalid-input',
      text('file.pemUnreadable', { whatKey: what, path: source.path, code }),
    );
  }
}

/** Everything mqtt.js needs, with TLS material read from disk and the will encoded to bytes. */
export async function buildClientOptions(
  options: ParsedConnectOptions,
  clientId: string,
): Promise<IClientOptions> {
  const v5 = options.protocolVersion === '5.0';
  const out: IClientOptions = {
    ...protocolFields(options.protocolVersion),
    clientId,
    keepalive: options.keepaliveSeconds,
    connectTimeout: options.connectTimeoutMs,
    clean: options.clean,
    // The engine reconnects and restores subscriptions itself, so it can tell the truth about both.
    reconnectPeriod: 0,
    resubscribe: false,
    // Refuse instead of queueing while offline: publish() checks the state first.
    queueQoSZero: false,
    // mqtt-packet otherwise builds a 65,536-entry table of 2-byte Buffers on the first write
    // (about 6 MB of heap the collector traces for the process's life) to save an allocation
    // per packet sent; MQScope sends little and sits open all day (issue 18 #7).
    writeCache: false,
  };
  if (options.username) out.username = options.username;
  if (options.password) out.password = options.password;

  if (isTls(options)) {
    const tls = options.tls ?? { verifyServer: true };
    out.rejectUnauthorized = tls.verifyServer;
    const [ca, cert, key] = await Promise.all([
      readPem(tls.ca, 'CA certificate'),
      readPem(tls.cert, 'client certificate'),
      readPem(tls.key, 'private key'),
    ]);
    checkTlsMaterial({
      ...(ca && { ca }),
      ...(cert && { cert }),
      ...(key && { key }),
      ...(tls.passphrase && { passphrase: tls.passphrase }),
    });
    if (ca) out.ca = ca;
    if (cert) out.cert = cert;
    if (key) out.key = key;
    // mqtt.js hands its options to tls.connect, which takes a passphrase its types do not list.
    if (tls.passphrase) Object.assign(out, { passphrase: tls.passphrase });
    if (tls.servername) out.servername = tls.servername;
    if (tls.alpnProtocols?.length) out.ALPNProtocols = tls.alpnProtocols;
  }
  if (options.wsHeaders?.length && (options.transport === 'ws' || options.transport === 'wss')) {
    out.wsOptions = { headers: Object.fromEntries(options.wsHeaders.map((h) => [h.key, h.value])) };
  }

  if (options.will) {
    const encoded = encodePayload(options.will.payload);
    if (!encoded.ok)
      throw new EngineError(
        'invalid-input',
        text('publish.willPayloadInvalid', nestText('why', encoded.problem)),
      );
    const will: NonNullable<IClientOptions['will']> = {
      topic: options.will.topic,
      payload: Buffer.from(encoded.bytes),
      qos: options.will.qos,
      retain: options.will.retain,
    };
    const p = options.will.properties;
    if (v5 && p) {
      will.properties = {
        ...(p.willDelayInterval !== undefined && { willDelayInterval: p.willDelayInterval }),
        ...(p.messageExpiryInterval !== undefined && { messageExpiryInterval: p.messageExpiryInterval }),
        ...(p.contentType !== undefined && { contentType: p.contentType }),
        ...(p.responseTopic !== undefined && { responseTopic: p.responseTopic }),
        ...(p.correlationData !== undefined && { correlationData: Buffer.from(p.correlationData) }),
        ...(p.payloadFormatIndicator !== undefined && { payloadFormatIndicator: p.payloadFormatIndicator }),
        ...(p.userProperties?.length && { userProperties: userPropertiesToPacket(p.userProperties) }),
      };
    }
    out.will = will;
  }

  if (v5) {
    const c = options.connectProperties;
    out.properties = {
      ...(options.sessionExpirySeconds !== undefined && {
        sessionExpiryInterval: options.sessionExpirySeconds,
      }),
      ...(c?.receiveMaximum !== undefined && { receiveMaximum: c.receiveMaximum }),
      maximumPacketSize: maxPacketSize(options),
      ...(c?.topicAliasMaximum !== undefined && { topicAliasMaximum: c.topicAliasMaximum }),
      ...(c?.requestResponseInformation !== undefined && {
        requestResponseInformation: c.requestResponseInformation,
      }),
      ...(c?.requestProblemInformation !== undefined && {
        requestProblemInformation: c.requestProblemInformation,
      }),
      ...(c?.userProperties?.length && { userProperties: userPropertiesToPacket(c.userProperties) }),
    };
  }
  return out;
}
