/**
 * Failures as the user reads them: one sentence plus the code underneath, for MQTT 3.1.1
 * and MQTT 5 CONNACKs, server DISCONNECTs and socket errors.
 */
import { ErrorWithReasonCode } from 'mqtt';
import { describe, expect, it } from 'vitest';
import {
  EngineError,
  ProblemError,
  describeClientDetected,
  describeConnackCode,
  describeDisconnect,
  describeError,
  describeViolation,
} from '../../electron/engine/errors';
import { malformed, protocolError, say } from '../../electron/engine/wire/violation';
import { englishOf } from '../support/english';
import type { Problem } from '../../electron/contract';

const worded = (p: Problem) => ({ code: p.code, message: englishOf(p) });

/** One sentence: starts with a capital, ends with a full stop. */
const SENTENCE = /^[A-Z].*\.$/;

describe('EngineError', () => {
  it('is an Error carrying a contract code', () => {
    const error = new EngineError('not-found', 'There is no connection "x".');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('EngineError');
    expect(error.code).toBe('not-found');
    expect(error.message).toBe('There is no connection "x".');
  });
});

describe('describeConnackCode, MQTT 3.1.1 return codes', () => {
  it.each([
    [1, /protocol version/],
    [2, /client ID/],
    [3, /unavailable/],
    [4, /user name or password/],
    [5, /not authorized/],
  ])('explains return code %i', (code, meaning) => {
    const problem = describeConnackCode(code, 4);
    expect(problem.code).toBe(`CONNACK ${code}`);
    expect(englishOf(problem)).toMatch(meaning);
    expect(englishOf(problem)).toMatch(SENTENCE);
  });

  it('says the number for a code it does not know', () => {
    expect(worded(describeConnackCode(42, 4))).toEqual({
      code: 'CONNACK 42',
      message: 'The broker refused the connection with return code 42.',
    });
  });

  it('uses the 3.1.1 table for MQTT 3.1 too', () => {
    expect(englishOf(describeConnackCode(4, 3))).toMatch(/user name or password/);
  });
});

describe('describeConnackCode, MQTT 5 reason codes', () => {
  it.each([
    [0x80, 'CONNACK 0x80', /unspecified/],
    [0x84, 'CONNACK 0x84', /protocol version/],
    [0x85, 'CONNACK 0x85', /client ID/],
    [0x86, 'CONNACK 0x86', /user name or password/],
    [0x87, 'CONNACK 0x87', /not authorized/],
    [0x88, 'CONNACK 0x88', /unavailable/],
    [0x8a, 'CONNACK 0x8a', /banned/],
    [0x9f, 'CONNACK 0x9f', /rate limit/],
  ])('explains reason code %i', (code, label, meaning) => {
    const problem = describeConnackCode(code, 5);
    expect(problem.code).toBe(label);
    expect(englishOf(problem)).toMatch(meaning);
    expect(englishOf(problem)).toMatch(SENTENCE);
  });

  it('reads the same number differently per protocol version', () => {
    // 5 is "not authorized" in 3.1.1 and no CONNACK reason in MQTT 5.
    expect(englishOf(describeConnackCode(5, 4))).toMatch(/not authorized/);
    expect(englishOf(describeConnackCode(5, 5))).not.toMatch(/not authorized/);
  });

  it('pads and prints an unknown code in hex', () => {
    expect(worded(describeConnackCode(0xfe, 5))).toEqual({
      code: 'CONNACK 0xfe',
      message: 'The broker refused the connection with reason code 0xfe.',
    });
    expect(describeConnackCode(0x0a, 5).code).toBe('CONNACK 0x0a');
  });
});

describe('describeDisconnect', () => {
  it('explains a session takeover', () => {
    expect(worded(describeDisconnect(0x8e))).toEqual({
      code: 'DISCONNECT 0x8e',
      message: 'Another client connected with the same client ID (session taken over).',
    });
  });

  it('adds the broker’s own reason string', () => {
    const problem = describeDisconnect(0x98, 'kicked by admin');
    expect(problem.code).toBe('DISCONNECT 0x98');
    expect(englishOf(problem)).toBe(
      'An administrative action disconnected this client. The broker said: "kicked by admin".',
    );
  });

  it('ignores an empty reason string', () => {
    expect(englishOf(describeDisconnect(0x8b, ''))).toBe('The broker is shutting down.');
  });

  it('says the number for a code it does not know', () => {
    expect(worded(describeDisconnect(0xc3, 'why not'))).toEqual({
      code: 'DISCONNECT 0xc3',
      message: 'The broker disconnected this client (reason code 0xc3). The broker said: "why not".',
    });
  });
});

describe('describeError', () => {
  /** A socket error as Node raises it. */
  function socketError(code: string, message: string): NodeJS.ErrnoException {
    return Object.assign(new Error(message), { code });
  }

  it.each([
    ['ECONNREFUSED', /Nothing is listening.*connection refused/],
    ['ENOTFOUND', /could not be resolved/],
    ['EAI_AGAIN', /temporary DNS failure/],
    ['ETIMEDOUT', /timed out/],
    ['ECONNRESET', /reset/],
    ['EHOSTUNREACH', /host is unreachable/],
    ['ENETUNREACH', /network is unreachable/],
    ['EPIPE', /closed while sending/],
  ])('explains the socket error %s', (code, meaning) => {
    const problem = describeError(socketError(code, `connect ${code} 127.0.0.1:1`), 5);
    expect(problem.code).toBe(code);
    expect(englishOf(problem)).toMatch(meaning);
    expect(englishOf(problem)).toMatch(SENTENCE);
  });

  it('keeps the text of an unknown socket error, ending it with one full stop', () => {
    expect(worded(describeError(socketError('EPROTO', 'write EPROTO wrong version number'), 5))).toEqual({
      code: 'EPROTO',
      message: 'write EPROTO wrong version number.',
    });
    expect(englishOf(describeError(socketError('EWEIRD', 'Already a sentence.'), 5))).toBe(
      'Already a sentence.',
    );
  });

  it('reads mqtt.js’s refused CONNACK (a numeric code) by protocol version', () => {
    expect(
      worded(describeError(new ErrorWithReasonCode('Connection refused: Not authorized', 0x87), 5)),
    ).toEqual({
      code: 'CONNACK 0x87',
      message: 'The broker says this client is not authorized: check the user name and password.',
    });
    expect(
      worded(describeError(new ErrorWithReasonCode('Connection refused: Bad username or password', 4), 4)),
    ).toEqual({
      code: 'CONNACK 4',
      message: 'The broker rejected the user name or password.',
    });
  });

  it('falls back to ERROR and the text for anything else', () => {
    expect(worded(describeError(new Error('Something odd'), 5))).toEqual({
      code: 'ERROR',
      message: 'Something odd',
    });
    expect(describeError(new Error('Keepalive timeout'), 5).code).toBe('KEEPALIVE_TIMEOUT');
    expect(worded(describeError('boom', 5))).toEqual({ code: 'ERROR', message: 'boom' });
    expect(worded(describeError(null, 5))).toEqual({ code: 'ERROR', message: 'null' });
    expect(describeError({ code: true }, 5).code).toBe('ERROR');
  });
});

describe('describeError on bytes that are not MQTT', () => {
  it('says to check the port and transport, and keeps the parser text', () => {
    const problem = describeError(new Error('Invalid header flag bits, must be 0x0 for puback packet'), 5);
    expect(problem.code).toBe('NOT_MQTT');
    expect(englishOf(problem)).toMatch(/check the port and the transport/);
    expect(englishOf(problem)).toContain('Invalid header flag bits');
  });
});

describe('describeViolation: the broker sent a packet MQScope refused (Trust #7)', () => {
  const qos3 = malformed(say('publishQos3'), '§3.3.1.2', '§3.3.1.2');

  it('names MQScope as the side that closed, the spec section, and the DISCONNECT it sent (MQTT 5)', () => {
    expect(worded(describeViolation(qos3, 5))).toEqual({
      code: 'MALFORMED_PACKET',
      message:
        'MQScope closed the connection: the broker sent a PUBLISH with QoS 3 (MQTT 5 §3.3.1.2). It sent DISCONNECT Malformed packet (0x81).',
    });
    const early = protocolError(say('beforeConnack', { packet: 'PUBLISH' }), '§3.2', '§3.2');
    expect(describeViolation(early, 5)).toMatchObject({ code: 'PROTOCOL_ERROR' });
    expect(englishOf(describeViolation(early, 5))).toContain('DISCONNECT Protocol error (0x82)');
  });

  it('cites MQTT 3.1.1 and sends no DISCONNECT reason there', () => {
    expect(worded(describeViolation(qos3, 4))).toEqual({
      code: 'MALFORMED_PACKET',
      message: 'MQScope closed the connection: the broker sent a PUBLISH with QoS 3 (MQTT 3.1.1 §3.3.1.2).',
    });
  });

  it('calls a too-large packet by its MQTT 5 reason, and a client-side cap under 3.1.1 (Trust #18)', () => {
    const big = {
      kind: 'too-large' as const,
      what: say('tooLarge', { packet: 'PUBLISH', size: 9, limit: 8 }),
      v3: '',
      v5: '§3.1.2.11.4',
    };
    expect(describeViolation(big, 5)).toMatchObject({ code: 'PACKET_TOO_LARGE' });
    expect(englishOf(describeViolation(big, 5))).toContain('DISCONNECT Packet too large (0x95)');
    expect(englishOf(describeViolation(big, 4))).toContain(
      'client-side cap: MQTT 3.1.1 has no Maximum Packet Size',
    );
  });

  it('reads bytes that are not MQTT as the existing "not MQTT" sentence', () => {
    const problem = describeViolation(
      { kind: 'not-mqtt', what: say('notMqttBytes', { shown: '"HTTP/1.1"' }), v3: '', v5: '' },
      5,
    );
    expect(problem.code).toBe('NOT_MQTT');
    expect(englishOf(problem)).toMatch(
      /did not answer in MQTT \(it sent bytes that do not start an MQTT packet \("HTTP\/1\.1"\) instead of a CONNACK\): check the port/,
    );
  });
});

describe('describeClientDetected: mqtt.js found it, not a CONNACK (Trust #7)', () => {
  it('never says CONNACK and names the reason', () => {
    expect(worded(describeClientDetected('Received unregistered Topic Alias', 0x82))).toEqual({
      code: 'PROTOCOL_ERROR',
      message:
        "MQScope closed the connection: it found a problem in the broker's packets: Received unregistered Topic Alias (Protocol error (0x82)).",
    });
    expect(describeClientDetected('Topic alias out of range.', 0x94).code).toBe('TOPIC_ALIAS_INVALID');
  });
});

describe('TLS material sentences (Trust #8)', () => {
  it('maps OpenSSL codes to sentences, never the raw text', () => {
    const e = (code: string) =>
      Object.assign(new Error('error:1C800064:Provider routines::bad decrypt'), { code });
    expect(englishOf(describeError(e('ERR_OSSL_BAD_DECRYPT'), 5))).toBe(
      'The private key passphrase is wrong or missing.',
    );
    expect(englishOf(describeError(e('ERR_OSSL_X509_KEY_VALUES_MISMATCH'), 5))).toBe(
      'The client certificate does not match the private key.',
    );
  });

  it('passes a ProblemError through as worded', () => {
    const problem = { code: 'TLS_CA_NOT_PEM', key: 'tls.caNotPem', params: {} };
    expect(describeError(new ProblemError(problem), 5)).toEqual(problem);
  });
});
