/** 1 234 567 → "1.2 M": counters stay readable in a narrow sidebar. */
export function formatCount(n: number): string {
  if (n < 10_000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 100_000 ? 1 : 0)} k`;
  return `${(n / 1_000_000).toFixed(1)} M`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  return `${(n / (1024 * 1024 * 1024)).toFixed(2)} GiB`;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** A retained payload's first bytes as one line of text, marked when it was cut. */
export function previewText(preview: Uint8Array, size: number): string {
  const text = decoder.decode(preview).replace(/\s+/g, ' ');
  return size > preview.length ? `${text}…` : text;
}
