/**
 * A walk over Protobuf wire format (field number, wire type, extent), used where protobufjs
 * says too little: to name the field and byte offset of a decode failure, and to show fields
 * the message type does not know.
 */
import type { EngineText } from '../contract/engine-text';
import { codecText } from './types';

export interface WireField {
  id: number;
  wireType: number;
  /** Offset of the field's key. */
  start: number;
  /** Offset of its value (after the length, for wire type 2). */
  valueStart: number;
  end: number;
  /** Varints as bigint; everything else as its bytes. */
  raw: bigint | Uint8Array;
}

export interface WireProblem {
  offset: number;
  field?: number;
  text: EngineText;
}

export type WireScan = { ok: true; fields: WireField[] } | { ok: false; problem: WireProblem };

function readVarint(bytes: Uint8Array, at: number): { value: bigint; next: number } | null {
  let value = 0n;
  for (let i = 0; i < 10; i++) {
    const byte = bytes[at + i];
    if (byte === undefined) return null;
    value |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if ((byte & 0x80) === 0) return { value, next: at + i + 1 };
  }
  return null;
}

/** The fields of one message, or the first place where the bytes stop being a message. */
export function scanWire(bytes: Uint8Array, base = 0): WireScan {
  const fields: WireField[] = [];
  const groups: number[] = [];
  let pos = 0;
  const problem = (offset: number, text: EngineText, field?: number): WireScan => ({
    ok: false,
    problem: { offset: base + offset, text, ...(field === undefined ? {} : { field }) },
  });
  while (pos < bytes.length) {
    const start = pos;
    const key = readVarint(bytes, pos);
    if (!key) return problem(start, codecText('wire.keyCut'));
    const id = Number(key.value >> 3n);
    const wireType = Number(key.value & 7n);
    if (id === 0) return problem(start, codecText('wire.fieldZero'));
    pos = key.next;
    let raw: bigint | Uint8Array;
    let valueStart = pos;
    switch (wireType) {
      case 0: {
        const v = readVarint(bytes, pos);
        if (!v) return problem(pos, codecText('wire.varintCut'), id);
        raw = v.value;
        pos = v.next;
        break;
      }
      case 1:
      case 5: {
        const size = wireType === 1 ? 8 : 4;
        if (pos + size > bytes.length) return problem(pos, codecText('wire.valuePastEnd', { size }), id);
        raw = bytes.subarray(pos, pos + size);
        pos += size;
        break;
      }
      case 2: {
        const length = readVarint(bytes, pos);
        if (!length) return problem(pos, codecText('wire.lengthCut'), id);
        valueStart = length.next;
        const end = valueStart + Number(length.value);
        if (end > bytes.length) {
          return problem(
            pos,
            codecText('wire.lengthPastEnd', {
              length: length.value.toString(),
              left: bytes.length - valueStart,
            }),
            id,
          );
        }
        raw = bytes.subarray(valueStart, end);
        pos = end;
        break;
      }
      case 3:
        groups.push(id);
        continue;
      case 4:
        if (groups.pop() !== id) return problem(start, codecText('wire.groupNotStarted'), id);
        continue;
      default:
        return problem(start, codecText('wire.wireType', { wireType }), id);
    }
    if (groups.length === 0) fields.push({ id, wireType, start, valueStart, end: pos, raw });
  }
  if (groups.length > 0) return problem(bytes.length, codecText('wire.groupNotClosed'), groups.at(-1));
  return { ok: true, fields };
}
