import type { MessageSummary } from '../../electron/contract';
import { formatBytes } from '../i18n/format';
import { i18n } from '../i18n';
import { firstInvalidUtf8 } from '../inspector/decode';

const lenient = new TextDecoder('utf-8', { fatal: false });

/** The row shows one line; CSS ellipsis does the rest, this only bounds the DOM text. */
const PREVIEW_CHARS = 200;
/** Bytes a binary preview shows in hex: enough to recognise a format by its magic bytes. */
const HEX_PREVIEW_BYTES = 12;

// Decoding is lazy (only rows on screen) and done once per summary.
const cache = new WeakMap<MessageSummary, string>();

/**
 * Is this preview binary? Not UTF-8 (a multi-byte character cut by the preview's end does
 * not count), or holding a NUL, which no text payload carries.
 */
export function isBinaryPreview(preview: Uint8Array, cut: boolean): boolean {
  const bad = firstInvalidUtf8(preview);
  if (bad !== -1 && !(cut && bad >= preview.length - 3 && (preview[bad] ?? 0) >= 0xc2)) return true;
  return preview.includes(0);
}

export function hexPreview(bytes: Uint8Array): string {
  const shown = Array.from(bytes.subarray(0, HEX_PREVIEW_BYTES), (b) => b.toString(16).padStart(2, '0'));
  return `${shown.join(' ')}${bytes.length > HEX_PREVIEW_BYTES ? ' …' : ''}`;
}

/**
 * A one-line preview of a payload's first bytes (control characters made visible). A
 * binary payload shows as its size and first bytes in hex, never as replacement characters.
 */
export function previewText(summary: MessageSummary): string {
  const known = cache.get(summary);
  if (known !== undefined) return known;
  const cut = summary.size > summary.preview.byteLength;
  let preview: string;
  if (isBinaryPreview(summary.preview, cut)) {
    preview = i18n.t('data.binary.preview', {
      size: formatBytes(summary.size),
      hex: hexPreview(summary.preview),
    });
  } else {
    const text = lenient.decode(summary.preview).slice(0, PREVIEW_CHARS);
    // A character cut by the preview's end decodes as U+FFFD: drop it, the ellipsis says enough.
    const oneLine = (cut ? text.replace(/\uFFFD$/u, '') : text)
      .replace(/\r?\n/g, '⏎')
      .replace(/\p{Cc}/gu, ' ');
    preview = cut ? `${oneLine}…` : oneLine;
  }
  cache.set(summary, preview);
  return preview;
}
