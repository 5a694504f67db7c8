/**
 * Which side found an error mqtt.js emitted (Trust #7): only a CONNACK with a non-zero code
 * is "refused by the broker"; mqtt.js's own protocol checks and parser errors are MQScope's.
 */
import { ErrorWithReasonCode } from 'mqtt';
import { englishOf } from '../support/english';
import { describe, expect, it } from 'vitest';
import { judgeError } from '../../electron/engine/wire/client-errors';

const after = { protocolVersion: 5, connackCode: 0, connackSeen: true };

describe('judgeError', () => {
  it('a numeric code after a refusing CONNACK is the broker refusing', () => {
    const verdict = judgeError(new ErrorWithReasonCode('Connection refused: Not authorized', 0x87), {
      ...after,
      connackCode: 0x87,
    });
    expect(verdict).toMatchObject({ kind: 'refused', problem: { code: 'CONNACK 0x87' } });
  });

  it('a numeric code after CONNACK 0x00 is a problem the client found', () => {
    const verdict = judgeError(
      new ErrorWithReasonCode('Protocol error: duplicate CONNACK on the same network connection', 0x82),
      after,
    );
    expect(verdict.kind).toBe('client-closed');
    if (verdict.kind === 'client-closed') {
      expect(verdict.problem.code).toBe('PROTOCOL_ERROR');
      expect(englishOf(verdict.problem)).not.toMatch(/CONNACK 0x/);
    }
  });

  it('a parser error is a malformed packet after CONNACK and "not MQTT" before it', () => {
    expect(judgeError(new Error('Unknown property'), after)).toMatchObject({
      kind: 'violation',
      violation: { kind: 'malformed' },
    });
    expect(
      judgeError(new Error('Invalid header flag bits, must be 0x0 for puback packet'), {
        ...after,
        connackCode: undefined,
        connackSeen: false,
      }),
    ).toMatchObject({ kind: 'violation', violation: { kind: 'not-mqtt' } });
  });

  it('an acknowledgement of the wrong kind is a protocol error', () => {
    const verdict = judgeError(
      new Error('Protocol error: pubrec does not answer the publish pending on message id 4'),
      after,
    );
    expect(verdict).toMatchObject({ kind: 'violation', violation: { kind: 'protocol' } });
    if (verdict.kind === 'violation')
      expect(englishOf(verdict.violation.what)).toBe(
        'a PUBREC for packet identifier 4, which does not answer its PUBLISH',
      );
  });

  it('socket errors and timeouts are neither', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(judgeError(reset, after)).toMatchObject({ kind: 'other', problem: { code: 'ECONNRESET' } });
    expect(judgeError(new Error('Keepalive timeout'), after)).toMatchObject({ kind: 'other' });
    // mqtt.js's own "Invalid topic" input error is not a parser error.
    expect(judgeError(new Error('Invalid topic a/#'), after).kind).toBe('other');
  });
});
