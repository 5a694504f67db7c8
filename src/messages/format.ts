import type { MessageSummary } from '../../electron/contract';

const lenient = new TextDecoder('utf-8', { fatal: false });

/** The row shows one line; CSS ellipsis does the rest, this only bounds the DOM text. */
const PREVIEW_CHARS = 200;

// Decoding is lazy (only rows on screen) and done once per summary.
const cache = new WeakMap<MessageSummary, string>();

/** A one-line preview of a payload's first bytes (control characters made visible). */
export function previewText(summary: MessageSummary): string {
  const known = cache.get(summary);
  if (known !== undefined) return known;
  const text = lenient.decode(summary.preview).slice(0, PREVIEW_CHARS);
  const oneLine = text.replace(/\r?\n/g, '⏎').replace(/\p{Cc}/gu, ' ');
  const preview = summary.size > summary.preview.byteLength ? `${oneLine}…` : oneLine;
  cache.set(summary, preview);
  return preview;
}
