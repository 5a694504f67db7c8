import type { ErrorCode, Problem } from '../contract';
import { disconnectReasonFor, type WireViolation } from './wire/violation';

/** A failure already worded for the status line (e.g. unusable TLS material). */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
    this.name = 'ProblemError';
  }
}

/** An error the engine raises on purpose, with a contract error code the UI can act on. */
export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

// MQTT 3.1 / 3.1.1 CONNACK return codes (§3.2.2.3).
const CONNACK_V3: Record<number, string> = {
  1: 'The broker does not accept this MQTT protocol version.',
  2: 'The broker rejected the client ID.',
  3: 'The broker is unavailable.',
  4: 'The broker rejected the user name or password.',
  5: 'The broker says this client is not authorized to connect: check the user name and password.',
};

// MQTT 5 reason codes (§2.4), the ones CONNACK and DISCONNECT carry.
const REASON_V5: Record<number, string> = {
  0x04: 'Disconnected with the will message.',
  0x80: 'The broker reported an unspecified error.',
  0x81: 'The broker could not parse a packet (malformed packet).',
  0x82: 'The broker reported a protocol error.',
  0x83: 'The broker reported an implementation-specific error.',
  0x84: 'The broker does not support this MQTT protocol version.',
  0x85: 'The broker rejected the client ID.',
  0x86: 'The broker rejected the user name or password.',
  0x87: 'The broker says this client is not authorized: check the user name and password.',
  0x88: 'The broker is unavailable.',
  0x89: 'The broker is busy.',
  0x8a: 'The broker has banned this client.',
  0x8b: 'The broker is shutting down.',
  0x8c: 'The broker does not support this authentication method.',
  0x8d: 'The broker timed out this client (keepalive).',
  0x8e: 'Another client connected with the same client ID (session taken over).',
  0x8f: 'The broker rejected a topic filter.',
  0x90: 'The broker rejected a topic name.',
  0x93: 'The receive maximum was exceeded.',
  0x94: 'The topic alias is invalid.',
  0x95: 'The packet is too large for the broker.',
  0x96: 'The message rate is too high.',
  0x97: 'A quota was exceeded.',
  0x98: 'An administrative action disconnected this client.',
  0x99: 'The payload format is invalid.',
  0x9a: 'The broker does not support retained messages.',
  0x9b: 'The broker does not support this QoS.',
  0x9c: 'The broker asks to use another server.',
  0x9d: 'The server has moved.',
  0x9e: 'The broker does not support shared subscriptions.',
  0x9f: 'The connection rate limit was exceeded.',
  0xa0: 'The maximum connect time was reached.',
  0xa1: 'The broker does not support subscription identifiers.',
  0xa2: 'The broker does not support wildcard subscriptions.',
};

// MQTT 5 reason code names (§2.4), for SUBACK, PUBACK and the like, where a short label reads better.
const REASON_NAMES: Record<number, string> = {
  0x00: 'Success',
  0x01: 'Granted QoS 1',
  0x02: 'Granted QoS 2',
  0x04: 'Disconnect with will message',
  0x10: 'No matching subscribers',
  0x11: 'No subscription existed',
  0x80: 'Unspecified error',
  0x81: 'Malformed packet',
  0x82: 'Protocol error',
  0x83: 'Implementation specific error',
  0x84: 'Unsupported protocol version',
  0x85: 'Client identifier not valid',
  0x86: 'Bad user name or password',
  0x87: 'Not authorized',
  0x88: 'Server unavailable',
  0x89: 'Server busy',
  0x8a: 'Banned',
  0x8b: 'Server shutting down',
  0x8c: 'Bad authentication method',
  0x8d: 'Keep alive timeout',
  0x8e: 'Session taken over',
  0x8f: 'Topic filter invalid',
  0x90: 'Topic name invalid',
  0x91: 'Packet identifier in use',
  0x92: 'Packet identifier not found',
  0x93: 'Receive maximum exceeded',
  0x94: 'Topic alias invalid',
  0x95: 'Packet too large',
  0x96: 'Message rate too high',
  0x97: 'Quota exceeded',
  0x98: 'Administrative action',
  0x99: 'Payload format invalid',
  0x9a: 'Retain not supported',
  0x9b: 'QoS not supported',
  0x9c: 'Use another server',
  0x9d: 'Server moved',
  0x9e: 'Shared subscriptions not supported',
  0x9f: 'Connection rate exceeded',
  0xa0: 'Maximum connect time',
  0xa1: 'Subscription identifiers not supported',
  0xa2: 'Wildcard subscriptions not supported',
};

/** "Not authorized (0x87)": a reason code's MQTT 5 name and its number. */
export function reasonCodeText(code: number): string {
  return `${REASON_NAMES[code] ?? 'Unknown reason'} (${hex(code)})`;
}

const UNTRUSTED_CERT =
  "The broker's certificate is not signed by a CA this connection trusts: add the broker's CA certificate, or turn verification off for a test broker.";

const SOCKET_ERRORS: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNTRUSTED_CERT,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNTRUSTED_CERT,
  SELF_SIGNED_CERT_IN_CHAIN: UNTRUSTED_CERT,
  DEPTH_ZERO_SELF_SIGNED_CERT: UNTRUSTED_CERT,
  ERR_TLS_CERT_ALTNAME_INVALID:
    "The broker's certificate is not valid for this host name (hostname mismatch): connect with a name the certificate lists, or set the SNI server name.",
  CERT_HAS_EXPIRED: "The broker's certificate has expired.",
  CERT_NOT_YET_VALID: "The broker's certificate is not valid yet (check this machine's clock).",
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED:
    'The broker requires a client certificate, and this connection did not send one.',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE:
    'The broker rejected the client certificate (not signed by a CA it trusts, or not valid).',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE:
    'The TLS handshake failed: the broker may require a client certificate, or no protocol version or cipher is shared.',
  ERR_OSSL_BAD_DECRYPT: 'The private key passphrase is wrong or missing.',
  ERR_OSSL_PEM_NO_START_LINE: 'A certificate or key is not in PEM form (no "-----BEGIN" line).',
  ERR_OSSL_X509_KEY_VALUES_MISMATCH: 'The client certificate does not match the private key.',
  ERR_SSL_WRONG_VERSION_NUMBER:
    'The server did not answer with TLS: is this a plain (non-TLS) port? Use mqtt:// or ws:// for it.',

  ECONNREFUSED: 'Nothing is listening at that host and port (connection refused).',
  ENOTFOUND: 'The host name could not be resolved (DNS lookup failed).',
  EAI_AGAIN: 'The host name could not be resolved right now (temporary DNS failure).',
  ETIMEDOUT: 'The network connection timed out.',
  ECONNRESET: 'The connection was reset by the other side.',
  EHOSTUNREACH: 'The host is unreachable.',
  ENETUNREACH: 'The network is unreachable.',
  EPIPE: 'The connection was closed while sending.',
};

function hex(code: number): string {
  return `0x${code.toString(16).padStart(2, '0')}`;
}

/** A CONNACK refusal as one sentence plus its code, for the protocol version in use. */
export function describeConnackCode(code: number, protocolVersion: number): Problem {
  if (protocolVersion === 5) {
    const message = REASON_V5[code] ?? `The broker refused the connection with reason code ${hex(code)}.`;
    return { code: `CONNACK ${hex(code)}`, message };
  }
  const message = CONNACK_V3[code] ?? `The broker refused the connection with return code ${code}.`;
  return { code: `CONNACK ${code}`, message };
}

/** A server-sent DISCONNECT (MQTT 5) as one sentence plus its code. */
export function describeDisconnect(reasonCode: number, reasonString?: string): Problem {
  const base =
    REASON_V5[reasonCode] ?? `The broker disconnected this client (reason code ${hex(reasonCode)}).`;
  const message = reasonString ? `${base} The broker said: "${reasonString}".` : base;
  return { code: `DISCONNECT ${hex(reasonCode)}`, message };
}

interface ErrorLike {
  message?: unknown;
  code?: unknown;
}

/**
 * Any error mqtt.js or the socket raises, as one sentence plus the underlying code.
 * mqtt.js reports a refused CONNACK as an error whose numeric `code` is the return/reason code.
 */
export function describeError(error: unknown, protocolVersion: number): Problem {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const text = typeof e.message === 'string' ? e.message : String(error);
  if (error instanceof ProblemError) return error.problem;
  if (typeof e.code === 'number') return describeConnackCode(e.code, protocolVersion);
  if (text === 'Keepalive timeout') {
    return {
      code: 'KEEPALIVE_TIMEOUT',
      message: 'The broker did not answer within the keepalive: the connection was considered dead.',
    };
  }
  if (typeof e.code === 'string') {
    const known = SOCKET_ERRORS[e.code];
    return { code: e.code, message: known ?? `${text.replace(/\.$/, '')}.` };
  }
  // mqtt-packet's parser errors: the bytes that came back are not MQTT at all.
  if (/^Invalid (header|packet|protocol)|^Malformed/i.test(text)) return notMqtt(text);
  return { code: 'ERROR', message: text };
}

function notMqtt(detail: string): Problem {
  return {
    code: 'NOT_MQTT',
    message: `The server did not answer in MQTT (${detail}): check the port and the transport — a WebSocket port needs ws://, a TLS port mqtts://.`,
  };
}

const VIOLATION_CODES = {
  malformed: 'MALFORMED_PACKET',
  protocol: 'PROTOCOL_ERROR',
  'too-large': 'PACKET_TOO_LARGE',
  'not-mqtt': 'NOT_MQTT',
} as const;

/**
 * A broker packet the client refused, naming the side that found it, the spec's section,
 * and (MQTT 5) the DISCONNECT reason the client sent before closing.
 */
export function describeViolation(violation: WireViolation, protocolVersion: number): Problem {
  if (violation.kind === 'not-mqtt') return notMqtt(`it sent ${violation.what}`);
  const v5 = protocolVersion === 5;
  const where = v5
    ? `MQTT 5 ${violation.v5}`
    : violation.kind === 'too-large'
      ? 'a client-side cap: MQTT 3.1.1 has no Maximum Packet Size'
      : `MQTT 3.1.1 ${violation.v3}`;
  const reason = v5 ? disconnectReasonFor(violation.kind) : null;
  const sent = reason === null ? '' : ` It sent DISCONNECT ${reasonCodeText(reason)}.`;
  return {
    code: VIOLATION_CODES[violation.kind],
    message: `MQScope closed the connection: the broker sent ${violation.what} (${where}).${sent}`,
  };
}

const CLIENT_DETECTED_CODES: Record<number, string> = {
  0x81: 'MALFORMED_PACKET',
  0x82: 'PROTOCOL_ERROR',
  0x93: 'RECEIVE_MAXIMUM_EXCEEDED',
  0x94: 'TOPIC_ALIAS_INVALID',
  0x95: 'PACKET_TOO_LARGE',
};

/**
 * A protocol error mqtt.js found in the broker's packets and closed the socket for. It
 * carries an MQTT 5 reason code, but no CONNACK said it: the client found it.
 */
export function describeClientDetected(message: string, reasonCode: number): Problem {
  const text = message.replace(/\.$/, '');
  return {
    code: CLIENT_DETECTED_CODES[reasonCode] ?? 'PROTOCOL_ERROR',
    message: `MQScope closed the connection: it found a problem in the broker's packets: ${text} (${reasonCodeText(reasonCode)}).`,
  };
}
