/**
 * Payloads as a person types them (text, JSON, hex, base64) and as bytes. Pure and shared:
 * the renderer checks a payload as it is typed, the engine encodes it for sending, and
 * both say the same sentence about the same mistake.
 */
import { z } from 'zod';
import type { EngineText } from './engine-text';

export const PayloadFormatSchema = z.enum(['text', 'json', 'hex', 'base64']);
export type PayloadFormat = z.infer<typeof PayloadFormatSchema>;

/** A typed payload, raw bytes (a file, a re-published message), or plain text as a string. */
export const PayloadInputSchema = z.union([
  z.string(),
  z.object({ format: PayloadFormatSchema, text: z.string() }).strict(),
  z.object({ format: z.literal('bytes'), bytes: z.instanceof(Uint8Array) }).strict(),
]);
export type PayloadInput = z.infer<typeof PayloadInputSchema>;

/** A payload that does not encode says why as an engine text (`payload.*` keys). */
export type EncodeResult = { ok: true; bytes: Uint8Array } | { ok: false; problem: EngineText };

const failed = (key: string, params: EngineText['params'] = {}): EncodeResult => ({
  ok: false,
  problem: { key, params },
});

function encodeHex(text: string): EncodeResult {
  const digits: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) continue;
    const value = parseInt(ch, 16);
    if (Number.isNaN(value)) {
      return failed('payload.notHex', { char: ch, position: i + 1 });
    }
    digits.push(value);
  }
  if (digits.length % 2 !== 0) {
    return failed('payload.hexOdd');
  }
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (digits[2 * i] ?? 0) * 16 + (digits[2 * i + 1] ?? 0);
  return { ok: true, bytes };
}

const BASE64_ALPHABET = /^[A-Za-z0-9+/]$/;

function encodeBase64(text: string): EncodeResult {
  const clean: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) continue;
    if (ch === '=') {
      clean.push(ch);
      continue;
    }
    if (!BASE64_ALPHABET.test(ch) || clean.includes('=')) {
      return failed('payload.notBase64', { char: ch, position: i + 1 });
    }
    clean.push(ch);
  }
  if (clean.length % 4 !== 0) {
    return failed('payload.base64Groups');
  }
  const binary = atob(clean.join(''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { ok: true, bytes };
}

/** Turns a payload input into bytes, or one sentence saying where it is wrong. */
export function encodePayload(input: PayloadInput): EncodeResult {
  if (typeof input === 'string') return { ok: true, bytes: new TextEncoder().encode(input) };
  switch (input.format) {
    case 'bytes':
      return { ok: true, bytes: input.bytes };
    case 'text':
      return { ok: true, bytes: new TextEncoder().encode(input.text) };
    case 'json':
      try {
        JSON.parse(input.text);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return failed('payload.notJson', { detail });
      }
      return { ok: true, bytes: new TextEncoder().encode(input.text) };
    case 'hex':
      return encodeHex(input.text);
    case 'base64':
      return encodeBase64(input.text);
  }
}
