import type { StoredMessage } from './message-store';

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Longest text put in a row's tooltip; longer payloads say how much is left out. */
const TOOLTIP_CHARS = 20_000;
/** The row shows one line; CSS ellipsis does the rest, this only bounds the DOM text. */
const PREVIEW_CHARS = 400;

export interface DecodedPayload {
  preview: string;
  full: string;
}

// Decoding is lazy (only rows on screen) and done once per message.
const cache = new WeakMap<StoredMessage, DecodedPayload>();

export function decodePayload(message: StoredMessage): DecodedPayload {
  const known = cache.get(message);
  if (known) return known;
  const text = decoder.decode(message.payload);
  const oneLine = text.slice(0, PREVIEW_CHARS).replace(/\r?\n/g, '⏎').replace(/\t/g, ' ');
  const preview = text.length > PREVIEW_CHARS ? `${oneLine}…` : oneLine;
  const full =
    text.length > TOOLTIP_CHARS
      ? `${text.slice(0, TOOLTIP_CHARS)}\n… ${(text.length - TOOLTIP_CHARS).toLocaleString()} more characters not shown here`
      : text;
  const decoded = { preview, full };
  cache.set(message, decoded);
  return decoded;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local time as HH:MM:SS.mmm. */
export function formatTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
