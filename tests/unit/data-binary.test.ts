/** Binary payloads in previews and images in the detail pane (issue 11, Data #6). */
import { describe, expect, it } from 'vitest';
import type { MessageSummary } from '../../electron/contract';
import { detectImage } from '../../src/detail/image';
import { hexPreview, isBinaryPreview, previewText } from '../../src/messages/format';

const bytes = (...values: number[]) => new Uint8Array(values);
const summary = (preview: Uint8Array, size = preview.length): MessageSummary => ({
  seq: 1,
  topic: 't',
  qos: 0,
  retain: false,
  size,
  preview,
  receivedAt: 0,
  hasProperties: false,
});

describe('binary previews', () => {
  // Data #6: a PNG never shows as "�PNG⏎…": hex and size, marked binary, no U+FFFD.
  it('shows non-UTF-8 payloads as hex with their size', () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48);
    const text = previewText(summary(png, 2048));
    expect(text).toMatch(/^binary .* · 89 50 4e 47 0d 0a 1a 0a 00 00 00 0d …$/);
    expect(text).not.toContain('\uFFFD');
  });

  // Data #6: random bytes never put a replacement character in the DOM.
  it('never lets a replacement character through for random bytes', () => {
    for (let n = 0; n < 200; n++) {
      const random = Uint8Array.from({ length: 40 }, () => Math.floor(Math.random() * 256));
      expect(previewText(summary(random))).not.toContain('\uFFFD');
    }
  });

  it('keeps text as text, even when the preview cuts a character in two', () => {
    const euro = new TextEncoder().encode('price 5€');
    const cut = euro.subarray(0, euro.length - 1);
    expect(isBinaryPreview(cut, true)).toBe(false);
    expect(previewText(summary(cut, 100))).toBe('price 5…');
    expect(isBinaryPreview(cut, false)).toBe(true);
    expect(isBinaryPreview(bytes(0x61, 0x00, 0x62), false)).toBe(true);
    expect(previewText(summary(new TextEncoder().encode('a\nb')))).toBe('a⏎b');
  });

  it('writes a short hex preview', () => {
    expect(hexPreview(bytes(1, 2, 255))).toBe('01 02 ff');
  });
});

describe('image detection', () => {
  // Data #6: PNG, JPEG, GIF and WebP by magic bytes; SVG stays text.
  it('recognises the four raster formats and nothing else', () => {
    expect(detectImage(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1))).toBe('image/png');
    expect(detectImage(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(detectImage(new TextEncoder().encode('GIF89a...'))).toBe('image/gif');
    expect(detectImage(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(detectImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectImage(bytes(0x89, 0x50))).toBeNull();
  });
});
