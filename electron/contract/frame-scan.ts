/**
 * Used by both ends of the web host's WebSocket (the host for requests, the page for answers).
 * A look at a MessagePack frame before it is decoded. @msgpack/msgpack decodes nesting
 * with a heap stack and has no depth limit, so a 64 MB frame of `0x91` bytes would build
 * 64 million stack states; this scan walks the bytes with one counter per open container,
 * stops at `maxDepth`, and on the way picks up the top-level `id` so that a refused frame
 * can still be answered. It allocates nothing per item.
 */

export interface FrameScan {
  /** False when nesting goes deeper than the limit. */
  depthOk: boolean;
  /** The number under the top-level key "id", if the frame is a map that has one before the limit. */
  id?: number;
}

interface Head {
  /** Bytes of the whole item when it is a scalar, or of its header when it is a container. */
  length: number;
  /** Items a container holds (a map counts keys and values). */
  children: number;
  number?: number;
}

// The encoded key "id" (fixstr of length 2).
const ID_KEY = [0xa2, 0x69, 0x64];

/** Reads the head of the item at `at`; null when the bytes end inside it. */
function readHead(view: DataView, at: number): Head | null {
  const end = view.byteLength;
  const need = (n: number) => at + 1 + n <= end;
  const h = view.getUint8(at);
  if (h <= 0x7f) return { length: 1, children: 0, number: h };
  if (h >= 0xe0) return { length: 1, children: 0, number: h - 0x100 };
  if (h <= 0x8f) return { length: 1, children: (h & 0x0f) * 2 };
  if (h <= 0x9f) return { length: 1, children: h & 0x0f };
  if (h <= 0xbf) return { length: 1 + (h & 0x1f), children: 0 };
  const p = at + 1;
  const sized = (n: number, read: () => number, extra: number): Head | null =>
    need(n) ? { length: 1 + n + extra + read(), children: 0 } : null;
  const fixed = (n: number, read?: () => number): Head | null =>
    need(n) ? { length: 1 + n, children: 0, number: read?.() } : null;
  const container = (n: number, read: () => number, perItem: number): Head | null =>
    need(n) ? { length: 1 + n, children: read() * perItem } : null;
  switch (h) {
    case 0xc4:
    case 0xd9:
      return sized(1, () => view.getUint8(p), 0); // bin8, str8
    case 0xc5:
    case 0xda:
      return sized(2, () => view.getUint16(p), 0); // bin16, str16
    case 0xc6:
    case 0xdb:
      return sized(4, () => view.getUint32(p), 0); // bin32, str32
    case 0xc7:
      return sized(1, () => view.getUint8(p), 1); // ext8: length, type, data
    case 0xc8:
      return sized(2, () => view.getUint16(p), 1);
    case 0xc9:
      return sized(4, () => view.getUint32(p), 1);
    case 0xca:
      return fixed(4, () => view.getFloat32(p));
    case 0xcb:
      return fixed(8, () => view.getFloat64(p));
    case 0xcc:
      return fixed(1, () => view.getUint8(p));
    case 0xcd:
      return fixed(2, () => view.getUint16(p));
    case 0xce:
      return fixed(4, () => view.getUint32(p));
    case 0xcf:
      return fixed(8, () => Number(view.getBigUint64(p)));
    case 0xd0:
      return fixed(1, () => view.getInt8(p));
    case 0xd1:
      return fixed(2, () => view.getInt16(p));
    case 0xd2:
      return fixed(4, () => view.getInt32(p));
    case 0xd3:
      return fixed(8, () => Number(view.getBigInt64(p)));
    case 0xd4:
      return fixed(2); // fixext 1..16: type byte + data
    case 0xd5:
      return fixed(3);
    case 0xd6:
      return fixed(5);
    case 0xd7:
      return fixed(9);
    case 0xd8:
      return fixed(17);
    case 0xdc:
      return container(2, () => view.getUint16(p), 1);
    case 0xdd:
      return container(4, () => view.getUint32(p), 1);
    case 0xde:
      return container(2, () => view.getUint16(p), 2);
    case 0xdf:
      return container(4, () => view.getUint32(p), 2);
    default:
      return { length: 1, children: 0 }; // nil, false, true, and the unused 0xc1
  }
}

export function scanFrame(bytes: Uint8Array, maxDepth: number): FrameScan {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const open: number[] = [];
  let pos = 0;
  let id: number | undefined;
  let topIsMap = false;
  let idValueNext = false;
  do {
    // Truncated: the decoder will say so; nothing deep was built yet.
    if (pos >= bytes.length) return { depthOk: true, id };
    const head = readHead(view, pos);
    if (!head) return { depthOk: true, id };
    const first = view.getUint8(pos);
    if (open.length === 0) topIsMap = (first & 0xf0) === 0x80 || first === 0xde || first === 0xdf;
    else if (open.length === 1 && topIsMap) {
      const isKey = (open.at(0) ?? 0) % 2 === 0;
      if (!isKey && idValueNext && id === undefined && head.number !== undefined) id = head.number;
      idValueNext = isKey && head.length === 3 && ID_KEY.every((b, i) => bytes[pos + i] === b);
    }
    pos += head.length;
    if (open.length > 0) open[open.length - 1] = (open.at(-1) ?? 0) - 1;
    if (head.children > 0) {
      if (open.length >= maxDepth) return { depthOk: false, id };
      open.push(head.children);
    }
    while (open.length > 0 && open[open.length - 1] === 0) open.pop();
  } while (open.length > 0);
  return { depthOk: true, id };
}
