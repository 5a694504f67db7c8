import type { EngineText, ErrorCode, Problem, TextParams } from '../contract';
import { english } from './text/english';
import {
  CONNACK_V3_CODES,
  REASON_NAME_CODES,
  REASON_SENTENCE_CODES,
  SOCKET_CODES,
  codeSlug,
  text,
  type EngineKey,
} from './text/keys';
import { disconnectReasonFor, type WireViolation } from './wire/violation';

const problem = (code: string, t: EngineText): Problem => ({ code, ...t });

/** A failure already worded for the status line (e.g. unusable TLS material). */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(english(problem));
    this.name = 'ProblemError';
  }
}

/**
 * An error the engine raises on purpose, with a contract error code the UI can act on. Given
 * an engine text, the renderer words it in the user's language (the message is its English).
 */
export class EngineError extends Error {
  readonly text: EngineText | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string | EngineText,
  ) {
    super(typeof message === 'string' ? message : english(message));
    this.name = 'EngineError';
    this.text = typeof message === 'string' ? undefined : message;
  }
}

const SENTENCE_CODES: ReadonlySet<number> = new Set(REASON_SENTENCE_CODES);
const NAME_CODES: ReadonlySet<number> = new Set(REASON_NAME_CODES);
const V3_CODES: ReadonlySet<number> = new Set(CONNACK_V3_CODES);
const SOCKET_CODE_SET: ReadonlySet<string> = new Set(SOCKET_CODES);

/** The key naming an MQTT 5 reason code ("Not authorized"), for SUBACK, PUBACK and the like. */
export function reasonNameKey(code: number): EngineKey {
  return NAME_CODES.has(code) ? `reasonName.${codeSlug(code)}` : 'reasonName.unknown';
}

/** "Not authorized (0x87)": a reason code's MQTT 5 name and its number. */
export function reasonCodeEngineText(code: number): EngineText {
  return text('reasonCode', { nameKey: reasonNameKey(code), hex: hex(code) });
}

/** The same in English, for the CLI and the texts not yet keyed (subscriptions, publish outcomes). */
export function reasonCodeText(code: number): string {
  return english(reasonCodeEngineText(code));
}

/** `0x87`: a reason code as the spec writes it. */
export function hexCode(code: number): string {
  return `0x${code.toString(16).padStart(2, '0')}`;
}
const hex = hexCode;

/**
 * Splices another engine text into a sentence as `{{name}}`: its key rides as `nameKey` and
 * its parameters along with it (see `wordEngineText`), so it is worded in the same language.
 */
export function nestText(name: string, inner: EngineText): TextParams {
  return { ...inner.params, [`${name}Key`]: inner.key };
}

/**
 * What a foreign error (Node's, a library's) says, as a parameter: its words are data the
 * engine passes on, never a sentence of its own.
 */
export function errorDetail(error: unknown): string {
  if (error instanceof EngineError)
    return english(error.text ?? { key: 'error.other', params: { detail: error.message } });
  return error instanceof Error ? error.message : String(error);
}

/** A CONNACK refusal as one sentence plus its code, for the protocol version in use. */
export function describeConnackCode(code: number, protocolVersion: number): Problem {
  if (protocolVersion === 5) {
    const sentence = SENTENCE_CODES.has(code)
      ? text(`reason.${codeSlug(code)}`)
      : text('refused.v5', { hex: hex(code) });
    return problem(`CONNACK ${hex(code)}`, sentence);
  }
  const sentence = V3_CODES.has(code)
    ? text(`connackV3.${code as (typeof CONNACK_V3_CODES)[number]}`)
    : text('refused.v3', { code });
  return problem(`CONNACK ${code}`, sentence);
}

/** A server-sent DISCONNECT (MQTT 5) as one sentence plus its code. */
export function describeDisconnect(reasonCode: number, reasonString?: string): Problem {
  const base: EngineKey = SENTENCE_CODES.has(reasonCode)
    ? `reason.${codeSlug(reasonCode)}`
    : 'disconnect.unknown';
  const sentence = reasonString
    ? text('disconnect.said', { baseKey: base, hex: hex(reasonCode), said: reasonString })
    : text(base, { hex: hex(reasonCode) });
  return problem(`DISCONNECT ${hex(reasonCode)}`, sentence);
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
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (error instanceof ProblemError) return error.problem;
  if (typeof e.code === 'number') return describeConnackCode(e.code, protocolVersion);
  if (message === 'Keepalive timeout') {
    return problem('KEEPALIVE_TIMEOUT', text('error.keepaliveTimeout'));
  }
  if (typeof e.code === 'string') {
    // Node's own words for an error it has no code we know: passed on as a detail.
    const sentence = SOCKET_CODE_SET.has(e.code)
      ? text(`socket.${e.code as (typeof SOCKET_CODES)[number]}`)
      : text('error.socket', { detail: message.replace(/\.$/, '') });
    return problem(e.code, sentence);
  }
  // mqtt-packet's parser errors: the bytes that came back are not MQTT at all.
  if (/^Invalid (header|packet|protocol)|^Malformed/i.test(message)) return notMqtt(message);
  return problem('ERROR', text('error.other', { detail: message }));
}

function notMqtt(detail: string): Problem {
  return problem('NOT_MQTT', text('error.notMqtt', { detail }));
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
  const what = violation.what;
  if (violation.kind === 'not-mqtt')
    return problem('NOT_MQTT', text('error.notMqttSent', nestText('what', what)));
  const code = VIOLATION_CODES[violation.kind];
  if (protocolVersion !== 5) {
    return violation.kind === 'too-large'
      ? problem(code, text('violation.v3TooLarge', nestText('what', what)))
      : problem(code, text('violation.v3', { ...nestText('what', what), section: violation.v3 }));
  }
  const reason = disconnectReasonFor(violation.kind);
  return reason === null
    ? problem(code, text('violation.v5NoReason', { ...nestText('what', what), section: violation.v5 }))
    : problem(
        code,
        text('violation.v5', {
          ...nestText('what', what),
          section: violation.v5,
          nameKey: reasonNameKey(reason),
          hex: hex(reason),
        }),
      );
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
  const detail = message.replace(/\.$/, '');
  return problem(
    CLIENT_DETECTED_CODES[reasonCode] ?? 'PROTOCOL_ERROR',
    text('violation.clientDetected', { detail, nameKey: reasonNameKey(reasonCode), hex: hex(reasonCode) }),
  );
}
