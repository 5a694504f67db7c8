/**
 * Failures as the user reads them: one sentence plus the code underneath, for MQTT 3.1.1
 * and MQTT 5 CONNACKs, server DISCONNECTs and socket errors.
 */
import { ErrorWithReasonCode } from 'mqtt';
import { describe, expect, it } from 'vitest';
import {
  EngineError,
  describeConnackCode,
  describeDisconnect,
  describeError,
} from '../../electron/engine/errors';

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
    expect(problem.message).toMatch(meaning);
    expect(problem.message).toMatch(SENTENCE);
  });

  it('says the number for a code it does not know', () => {
    expect(describeConnackCode(42, 4)).toEqual({
      code: 'CONNACK 42',
      message: 'The broker refused the connection with return code 42.',
    });
  });

  it('uses the 3.1.1 table for MQTT 3.1 too', () => {
    expect(describeConnackCode(4, 3).message).toMatch(/user name or password/);
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
    expect(problem.message).toMatch(meaning);
    expect(problem.message).toMatch(SENTENCE);
  });

  it('reads the same number differently per protocol version', () => {
    // 5 is "not authorized" in 3.1.1 and no CONNACK reason in MQTT 5.
    expect(describeConnackCode(5, 4).message).toMatch(/not authorized/);
    expect(describeConnackCode(5, 5).message).not.toMatch(/not authorized/);
  });

  it('pads and prints an unknown code in hex', () => {
    expect(describeConnackCode(0xfe, 5)).toEqual({
      code: 'CONNACK 0xfe',
      message: 'The broker refused the connection with reason code 0xfe.',
    });
    expect(describeConnackCode(0x0a, 5).code).toBe('CONNACK 0x0a');
  });
});

describe('describeDisconnect', () => {
  it('explains a session takeover', () => {
    expect(describeDisconnect(0x8e)).toEqual({
      code: 'DISCONNECT 0x8e',
      message: 'Another client connected with the same client ID (session taken over).',
    });
  });

  it('adds the broker’s own reason string', () => {
    const problem = describeDisconnect(0x98, 'kicked by admin');
    expect(problem.code).toBe('DISCONNECT 0x98');
    expect(problem.message).toBe(
      'An administrative action disconnected this client. The broker said: "kicked by admin".',
    );
  });

  it('ignores an empty reason string', () => {
    expect(describeDisconnect(0x8b, '').message).toBe('The broker is shutting down.');
  });

  it('says the number for a code it does not know', () => {
    expect(describeDisconnect(0xc3, 'why not')).toEqual({
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
    expect(problem.message).toMatch(meaning);
    expect(problem.message).toMatch(SENTENCE);
  });

  it('keeps the text of an unknown socket error, ending it with one full stop', () => {
    expect(describeError(socketError('EPROTO', 'write EPROTO wrong version number'), 5)).toEqual({
      code: 'EPROTO',
      message: 'write EPROTO wrong version number.',
    });
    expect(describeError(socketError('EWEIRD', 'Already a sentence.'), 5).message).toBe(
      'Already a sentence.',
    );
  });

  it('reads mqtt.js’s refused CONNACK (a numeric code) by protocol version', () => {
    expect(describeError(new ErrorWithReasonCode('Connection refused: Not authorized', 0x87), 5)).toEqual({
      code: 'CONNACK 0x87',
      message: 'The broker says this client is not authorized: check the user name and password.',
    });
    expect(
      describeError(new ErrorWithReasonCode('Connection refused: Bad username or password', 4), 4),
    ).toEqual({
      code: 'CONNACK 4',
      message: 'The broker rejected the user name or password.',
    });
  });

  it('falls back to ERROR and the text for anything else', () => {
    expect(describeError(new Error('Something odd'), 5)).toEqual({ code: 'ERROR', message: 'Something odd' });
    expect(describeError(new Error('Keepalive timeout'), 5).code).toBe('KEEPALIVE_TIMEOUT');
    expect(describeError('boom', 5)).toEqual({ code: 'ERROR', message: 'boom' });
    expect(describeError(null, 5)).toEqual({ code: 'ERROR', message: 'null' });
    expect(describeError({ code: true }, 5).code).toBe('ERROR');
  });
});

describe('describeError on bytes that are not MQTT', () => {
  it('says to check the port and transport, and keeps the parser text', () => {
    const problem = describeError(new Error('Invalid header flag bits, must be 0x0 for puback packet'), 5);
    expect(problem.code).toBe('NOT_MQTT');
    expect(problem.message).toMatch(/check the port and the transport/);
    expect(problem.message).toContain('Invalid header flag bits');
  });
});
