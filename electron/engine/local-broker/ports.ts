import { createServer } from 'node:net';

/** True when nothing listens on `port` at `host` (it tries to bind, then lets go at once). */
export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** The first free port above `after`, skipping `taken`; null when none is left below 65536. */
export async function nextFreePort(
  after: number,
  host: string,
  taken: number[] = [],
): Promise<number | null> {
  for (let port = after + 1; port <= 65535; port++) {
    if (taken.includes(port)) continue;
    if (await isPortFree(port, host)) return port;
  }
  return null;
}
