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

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local time as HH:MM:SS.mmm. */
export function formatTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(1)} GB`;
}

export function formatRate(perSecond: number): string {
  if (perSecond < 0.05) return '';
  if (perSecond < 10) return `${perSecond.toFixed(1)}/s`;
  if (perSecond < 10_000) return `${Math.round(perSecond)}/s`;
  return `${(perSecond / 1000).toFixed(0)}k/s`;
}
