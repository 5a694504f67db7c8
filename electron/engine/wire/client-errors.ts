import type { Problem } from '../../contract';
import { describeClientDetected, describeError } from '../errors';
import { malformed, protocolError, say, type WireViolation } from './violation';

/**
 * Which side found an error mqtt.js emitted, and what the connection must do about it.
 * mqtt.js gives a refused CONNACK and its own protocol checks (duplicate CONNACK, topic
 * alias, receive maximum, packet size) the same shape: an Error with a numeric reason code.
 * Only the CONNACK that was actually received can tell them apart.
 */
export type ErrorVerdict =
  /** A CONNACK with a non-zero code: the broker refused. Final. */
  | { kind: 'refused'; problem: Problem }
  /** A broken packet the socket is still open for: close it, with the reason (MQTT 5). */
  | { kind: 'violation'; violation: WireViolation }
  /** mqtt.js found a protocol error and has already cut the socket. Final. */
  | { kind: 'client-closed'; problem: Problem }
  /** Anything else: socket errors, timeouts. */
  | { kind: 'other'; problem: Problem };

export interface ErrorContext {
  protocolVersion: number;
  /** The return/reason code of the last CONNACK mqtt.js handled, if any. */
  connackCode: number | undefined;
  /** Whether a CONNACK has arrived on this socket (possibly not yet handled by mqtt.js). */
  connackSeen: boolean;
}

// mqtt-packet's parser messages (parser.js), which mqtt.js forwards as 'error' and ignores.
const PARSER_ERROR =
  /^(Cannot parse|Connect flag|Invalid (?!topic )|Malformed|Not supported|Packet must not|Packet too short|Unknown property|Will (QoS|Retain))/;
// mqtt.js's ack handler, which reports this and carries on.
const WRONG_ACK = /^Protocol error: (\w+) does not answer the (\w+) pending on message id (\d+)/;

export function judgeError(error: unknown, context: ErrorContext): ErrorVerdict {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    message?: unknown;
    code?: unknown;
  };
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (typeof e.code === 'number') {
    if (context.connackCode !== undefined && context.connackCode !== 0) {
      return { kind: 'refused', problem: describeError(error, context.protocolVersion) };
    }
    return { kind: 'client-closed', problem: describeClientDetected(message, e.code) };
  }
  if (typeof e.code !== 'string' && PARSER_ERROR.test(message)) {
    if (!context.connackSeen) {
      return {
        kind: 'violation',
        violation: {
          kind: 'not-mqtt',
          what: say('unparsable', { detail: message }),
          v3: '§3.2',
          v5: '§3.2',
        },
      };
    }
    return {
      kind: 'violation',
      violation: malformed(say('parserRefused', { detail: message }), '§4.8', '§4.13'),
    };
  }
  const wrongAck = WRONG_ACK.exec(message);
  if (wrongAck) {
    const [, ack, pending, id] = wrongAck;
    return {
      kind: 'violation',
      violation: protocolError(
        say('wrongAck', {
          ack: ack?.toUpperCase() ?? '',
          id: id ?? '',
          pending: pending?.toUpperCase() ?? '',
        }),
        '§4.3',
        '§4.3',
      ),
    };
  }
  return { kind: 'other', problem: describeError(error, context.protocolVersion) };
}
