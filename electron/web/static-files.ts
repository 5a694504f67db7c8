import { readFile, realpath } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../host/csp';

const MIME = new Map<string, string>([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.ico', 'image/x-icon'],
  ['.woff2', 'font/woff2'],
  ['.ttf', 'font/ttf'],
  ['.map', 'application/json'],
]);

export const SECURITY_HEADERS = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** The built renderer has short paths; anything longer is not ours, and not worth decoding. */
const MAX_PATH_LENGTH = 1024;

export type StaticPath =
  { ok: true; relative: string } | { ok: false; status: 400 | 403 | 404; text: string };

/**
 * Turns the path of a request URL into a file name below the static root, or says why not.
 * Pure, so every hostile spelling can be tested without a server. Never throws: a path that
 * does not decode (`/%`, `/%E0%A4%A`, an overlong or surrogate UTF-8 sequence) is a 400.
 */
export function staticPath(urlPath: string): StaticPath {
  if (urlPath.length > MAX_PATH_LENGTH) return { ok: false, status: 404, text: 'Not found' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { ok: false, status: 400, text: 'Bad request: the path is not valid percent-encoded UTF-8.' };
  }
  // A decoded NUL, backslash or dot segment means someone is probing: no file of ours has one.
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 403, text: 'Forbidden' };
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return { ok: false, status: 403, text: 'Forbidden' };
  }
  return { ok: true, relative: segments.length === 0 ? 'index.html' : segments.join('/') };
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
}

/** Serves the built renderer from `root`; nothing outside it is reachable, and nothing here throws. */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse): Promise<void> {
  const path = staticPath(urlPath);
  if (!path.ok) return refuse(res, path.status, path.text);
  const base = resolve(root);
  const file = resolve(base, path.relative);
  // Belt and braces after the segment check, and again after symlinks are followed.
  if (!file.startsWith(base + sep)) return refuse(res, 403, 'Forbidden');
  let body: Buffer;
  try {
    const real = await realpath(file);
    if (!real.startsWith((await realpath(base)) + sep)) return refuse(res, 403, 'Forbidden');
    body = await readFile(real);
  } catch {
    return refuse(res, 404, 'Not found');
  }
  const type = MIME.get(extname(file)) ?? 'application/octet-stream';
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-cache' }).end(body);
}
