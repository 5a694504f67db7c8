/**
 * Sparkplug B payloads built with protobufjs straight from the Tahu `.proto` in
 * tests/fixtures (not through MQScope's codec), so the tests check the decoder against an
 * independent encoder.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

const protoPath = fileURLToPath(new URL('../fixtures/sparkplug/sparkplug_b.proto', import.meta.url));
const root = protobuf.parse(readFileSync(protoPath, 'utf8'), { keepCase: true }).root;
export const TahuPayload = root.lookupType('org.eclipse.tahu.protobuf.Payload');

export function encodeTahu(payload: Record<string, unknown>): Uint8Array {
  const problem = TahuPayload.verify(TahuPayload.fromObject(payload));
  if (problem) throw new Error(problem);
  return TahuPayload.encode(TahuPayload.fromObject(payload)).finish();
}

export const BIRTH_TIME = Date.UTC(2026, 0, 1, 12, 0, 0);

/** A DBIRTH: names, aliases and datatypes of two metrics. */
export function deviceBirth(seq: number): Uint8Array {
  return encodeTahu({
    timestamp: BIRTH_TIME,
    seq,
    metrics: [
      { name: 'Temperature', alias: 1, datatype: 9, timestamp: BIRTH_TIME, float_value: 21.5 },
      { name: 'Pump/Running', alias: 2, datatype: 11, timestamp: BIRTH_TIME, boolean_value: true },
    ],
  });
}

/** A DDATA with aliases only, as an edge node sends after its birth. */
export function deviceData(seq: number, temperature: number): Uint8Array {
  return encodeTahu({
    timestamp: BIRTH_TIME + seq * 1000,
    seq,
    metrics: [{ alias: 1, datatype: 9, timestamp: BIRTH_TIME + seq * 1000, float_value: temperature }],
  });
}

/** A DDATA that carries names, as some edge nodes do without aliases. */
export function namedDeviceData(seq: number): Uint8Array {
  return encodeTahu({
    timestamp: BIRTH_TIME,
    seq,
    metrics: [
      { name: 'Line/Speed', datatype: 3, timestamp: BIRTH_TIME, int_value: 1200 },
      { name: 'Line/Label', datatype: 12, timestamp: BIRTH_TIME, string_value: 'north' },
    ],
  });
}

/** An NBIRTH with its bdSeq (UInt64) and the rebirth control, as Tahu's edge nodes send it. */
export function nodeBirth(bdSeq: number): Uint8Array {
  return encodeTahu({
    timestamp: BIRTH_TIME,
    seq: 0,
    metrics: [
      { name: 'bdSeq', datatype: 8, timestamp: BIRTH_TIME, long_value: bdSeq },
      { name: 'Node Control/Rebirth', alias: 10, datatype: 11, timestamp: BIRTH_TIME, boolean_value: false },
      { name: 'Uptime', alias: 11, datatype: 7, timestamp: BIRTH_TIME, int_value: 5 },
    ],
  });
}

/** An NDEATH (the node's will) carrying the bdSeq of the session it ends. */
export function nodeDeath(bdSeq: number): Uint8Array {
  return encodeTahu({
    timestamp: BIRTH_TIME,
    metrics: [{ name: 'bdSeq', datatype: 8, timestamp: BIRTH_TIME, long_value: bdSeq }],
  });
}
