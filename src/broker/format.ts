const decoder = new TextDecoder('utf-8', { fatal: false });

/** A retained payload's first bytes as one line of text, marked when it was cut. */
export function previewText(preview: Uint8Array, size: number): string {
  const text = decoder.decode(preview).replace(/\s+/g, ' ');
  return size > preview.length ? `${text}…` : text;
}
