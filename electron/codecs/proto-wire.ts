/**
 * A walk over Protobuf wire format (field number, wire type, extent), used where protobufjs
 * says too little: to name the field and byte offset of a decode failure, and to show fields
 * the message type does not know.
 */
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
  message: string;
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
  const problem = (offset: number, message: string, field?: number): WireScan => ({
    ok: false,
    problem: { offset: base + offset, message, ...(field === undefined ? {} : { field }) },
  });
  while (pos < bytes.length) {
    const start = pos;
    const key = readVarint(bytes, pos);
    if (!key) return problem(start, 'a field key is cut short');
    const id = Number(key.value >> 3n);
    const wireType = Number(key.value & 7n);
    if (id === 0) return problem(start, 'field number 0 is not allowed');
    pos = key.next;
    let raw: bigint | Uint8Array;
    let valueStart = pos;
    switch (wireType) {
      case 0: {
        const v = readVarint(bytes, pos);
        if (!v) return problem(pos, 'its varint value is cut short', id);
        raw = v.value;
        pos = v.next;
        break;
      }
      case 1:
      case 5: {
        const size = wireType === 1 ? 8 : 4;
        if (pos + size > bytes.length) return problem(pos, `its ${size}-byte value runs past the end`, id);
        raw = bytes.subarray(pos, pos + size);
        pos += size;
        break;
      }
      case 2: {
        const length = readVarint(bytes, pos);
        if (!length) return problem(pos, 'its length is cut short', id);
        valueStart = length.next;
        const end = valueStart + Number(length.value);
        if (end > bytes.length) {
          return problem(
            pos,
            `its length ${length.value} runs past the end (${bytes.length - valueStart} bytes left)`,
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
        if (groups.pop() !== id) return problem(start, 'a group ends that was not started', id);
        continue;
      default:
        return problem(start, `wire type ${wireType} does not exist`, id);
    }
    if (groups.length === 0) fields.push({ id, wireType, start, valueStart, end: pos, raw });
  }
  if (groups.length > 0) return problem(bytes.length, 'a group is not closed', groups.at(-1));
  return { ok: true, fields };
}
