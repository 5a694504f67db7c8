/**
 * Checks every HTTP request and WebSocket upgrade makes before anything else: the Host
 * header (DNS rebinding) and a request target we can read. Pure, so they test without sockets.
 */

/**
 * The Host values a browser sends when it really talks to this loopback port. A page from
 * `evil.example` whose name was rebound to 127.0.0.1 sends `Host: evil.example`, so
 * refusing any other name keeps such pages away from the renderer and the socket.
 * `[::1]` is accepted as the issue asks, though the host binds 127.0.0.1 only: no browser
 * can load a page from it, which is why it is not among the allowed Origins.
 */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function hostAllowed(host: string | undefined, allowed: Set<string>): boolean {
  return host !== undefined && allowed.has(host.toLowerCase());
}

export interface RequestTarget {
  pathname: string;
  query: URLSearchParams;
}

/**
 * Splits an origin-form request target (`/path?query`). `new URL()` would throw on `//%`
 * and read `//evil/x` as a host, so the target is split by hand; URLSearchParams decodes
 * leniently and never throws. Anything but origin-form (`*`, `http://…`) is null.
 */
export function requestTarget(url: string | undefined): RequestTarget | null {
  if (url === undefined || !url.startsWith('/')) return null;
  const at = url.indexOf('?');
  return at === -1
    ? { pathname: url, query: new URLSearchParams() }
    : { pathname: url.slice(0, at), query: new URLSearchParams(url.slice(at + 1)) };
}
