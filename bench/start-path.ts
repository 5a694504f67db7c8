/**
 * The renderer's start path: the entry chunk and every chunk it imports statically, read from
 * the build manifest (out/renderer/.vite/manifest.json). These are the bytes a window loads
 * before its first paint; lazily imported chunks are not among them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
}

export interface StartPath {
  entry: { file: string; bytes: number };
  /** Entry first, then its static imports, transitively. */
  chunks: { file: string; bytes: number; sources: string[] }[];
  bytes: number;
  gzipBytes: number;
  /** Every chunk of the build, by source path. */
  manifest: Record<string, ManifestChunk>;
  /** The start path's code, concatenated. */
  text: string;
}

/** The bound on the entry chunk (issue 18, goal 4). */
export const ENTRY_CHUNK_TARGET = 300 * 1024;

export function readStartPath(rendererDir: string): StartPath {
  const manifest = JSON.parse(readFileSync(join(rendererDir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
  if (!entry) throw new Error('The renderer manifest names no entry chunk.');
  const order: ManifestChunk[] = [];
  const seen = new Set<string>();
  const visit = (chunk: ManifestChunk) => {
    if (seen.has(chunk.file)) return;
    seen.add(chunk.file);
    order.push(chunk);
    for (const key of chunk.imports ?? []) {
      const next = manifest[key];
      if (next) visit(next);
    }
  };
  visit(entry);
  let bytes = 0;
  let gzipBytes = 0;
  let text = '';
  const chunks = order.map((chunk) => {
    const body = readFileSync(join(rendererDir, chunk.file));
    bytes += body.length;
    text += body.toString('utf8');
    gzipBytes += gzipSync(body).length;
    return { file: chunk.file, bytes: body.length, sources: chunk.src ? [chunk.src] : [] };
  });
  const first = chunks[0];
  if (!first) throw new Error('The renderer manifest lists no chunks.');
  return { entry: { file: first.file, bytes: first.bytes }, chunks, bytes, gzipBytes, manifest, text };
}
