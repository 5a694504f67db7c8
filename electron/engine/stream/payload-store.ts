/**
 * Where the log keeps payload bytes. Small payloads are copied into shared chunks: a
 * hundred thousand long-lived ArrayBuffers (plus a Uint8Array each) cost the garbage
 * collector far more than a few hundred chunks, and its pauses are what make a subscriber
 * fall behind the broker (which then drops QoS 0 messages). The log evicts oldest first,
 * so chunks are let go in the order they were filled.
 */
const CHUNK_BYTES = 256 * 1024;
/** Larger payloads keep their own buffer (already a private copy). */
const PACK_AT_MOST = 4096;

export interface StoredBytes {
  chunk: Uint8Array;
  offset: number;
}

export class PayloadStore {
  private chunk = new Uint8Array(CHUNK_BYTES);
  private used = 0;

  /** Stores `bytes`; the result plus their length finds them again. */
  put(bytes: Uint8Array): StoredBytes {
    const length = bytes.byteLength;
    if (length > PACK_AT_MOST) return { chunk: bytes, offset: 0 };
    if (this.used + length > CHUNK_BYTES) {
      this.chunk = new Uint8Array(CHUNK_BYTES);
      this.used = 0;
    }
    const offset = this.used;
    this.chunk.set(bytes, offset);
    this.used += length;
    return { chunk: this.chunk, offset };
  }
}

/** Bytes that own their buffer: safe to send over Electron IPC (which copies whole buffers). */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength ? bytes : bytes.slice();
}
