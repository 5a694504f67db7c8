/** Payload decodings for the detail pane. Pure, so they are unit-tested without a page. */

export type Utf8Result = { valid: true; text: string } | { valid: false; offset: number; text: string };

const lenient = new TextDecoder('utf-8', { fatal: false });

/**
 * Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF), or -1. TextDecoder's fatal mode says "invalid" but not where.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

export function decodeUtf8(bytes: Uint8Array): Utf8Result {
  const offset = firstInvalidUtf8(bytes);
  const text = lenient.decode(bytes);
  return offset === -1 ? { valid: true, text } : { valid: false, offset, text };
}

export type JsonResult = { ok: true; value: unknown } | { ok: false };

export function parseJson(text: string): JsonResult {
  const trimmed = text.trimStart();
  // Only objects, arrays and strings read as JSON payloads; "42" or "true" stay text.
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[') && !trimmed.startsWith('"')) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** One line of a hex dump: offset, 16 bytes in hex, and their printable ASCII. */
export function hexLine(bytes: Uint8Array, offset: number): { offset: string; hex: string; ascii: string } {
  const slice = bytes.subarray(offset, offset + 16);
  let hex = '';
  let ascii = '';
  for (let i = 0; i < 16; i++) {
    const b = slice[i];
    hex += b === undefined ? '   ' : `${HEX[b]} `;
    if (i === 7) hex += ' ';
    if (b !== undefined) ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  }
  return { offset: offset.toString(16).padStart(8, '0'), hex: hex.trimEnd(), ascii };
}
