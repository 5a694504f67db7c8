import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WEB_SOCKET_PATH, type ServerFrame } from '../contract/web-wire';
import type { Engine } from '../engine';
import { createDispatch } from '../host/dispatch';
import { createFrameHandler, encodeEvent } from './frames';
import { allowedHosts, hostAllowed, requestTarget } from './front-door';
import { SECURITY_HEADERS, serveStatic } from './static-files';

/** Loopback only: the web host carries broker passwords and must not be reachable from the network. */
const BIND_ADDRESS = '127.0.0.1';
/** Generous for large payloads, but bounded so one frame cannot exhaust memory. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/**
 * Bounds on how long a connection may take (Trust #20: slow-header sockets). The page is
 * served from this machine, so honest requests finish in milliseconds; the bounds only
 * have to be loose enough for a loaded machine.
 */
export interface WebHostLimits {
  /** All request headers must arrive within this; a silent socket is closed after as long idle. */
  headersTimeoutMs: number;
  /** The whole request, body included. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** How long a refused or accepted upgrade may hold its socket before the WebSocket takes it. */
  upgradeTimeoutMs: number;
  /** How often Node checks the header and request timeouts. */
  checkIntervalMs: number;
  /** Open sockets at once; one page needs a handful. */
  maxConnections: number;
}

export const DEFAULT_LIMITS: WebHostLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  upgradeTimeoutMs: 10_000,
  checkIntervalMs: 1_000,
  maxConnections: 256,
};

export interface WebHostOptions {
  engine: Engine;
  /** Folder of the built renderer (out/renderer). */
  staticDir: string;
  port: number;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
  /** Shorter bounds for tests; DEFAULT_LIMITS otherwise. */
  limits?: Partial<WebHostLimits>;
  /** Told how many pages are connected whenever one connects or goes (the orphan policy). */
  onPageCount?: (count: number) => void;
}

export interface WebHost {
  /** The URL to open, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const log = (message: string, error?: unknown) =>
  error === undefined ? console.error(message) : console.error(message, error);

/**
 * Serves the renderer over http and the contract over a WebSocket, to a browser on this
 * machine. A WebSocket upgrade is accepted only with this run's token and our own Origin:
 * otherwise any web page the user visits could drive their broker connections. Nothing a
 * client sends can throw out of a handler: every path ends in a response or a closed socket.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const token = options.token ?? randomBytes(24).toString('base64url');
  const dispatch = createDispatch(options.engine.handlers);
  const sockets = new Set<WebSocket>();
  // Filled once the port is known; nothing is served before listen() resolves.
  let hosts = new Set<string>();
  let origins = new Set<string>();

  const server = createServer({ connectionsCheckingInterval: limits.checkIntervalMs }, (req, res) => {
    try {
      handleRequest(req, res).catch((error: unknown) => failed(res, error));
    } catch (error) {
      failed(res, error);
    }
  });
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  // A socket that connects and sends nothing never starts a request, so the header timeout
  // never runs for it: an idle bound closes it. The WebSocket clears it on its own sockets.
  server.timeout = limits.headersTimeoutMs;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  function failed(res: ServerResponse, error: unknown): void {
    log('MQScope web host: a request failed', error);
    try {
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' }).end('Internal error');
    } catch {
      res.destroy();
    }
  }

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' };
    // Trust #19: a rebound name (evil.example → 127.0.0.1) must not get the page.
    if (!hostAllowed(req.headers.host, hosts)) {
      res.writeHead(421, text).end('This MQScope web host answers only to 127.0.0.1 and localhost.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, text).end();
      return;
    }
    const target = requestTarget(req.url);
    if (!target) {
      res.writeHead(400, text).end('Bad request target.');
      return;
    }
    await serveStatic(options.staticDir, target.pathname, res);
  }

  /** A refused upgrade: answer, then make sure the socket goes even if the peer never reads. */
  function refuse(socket: Duplex, status: number, text: string): void {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    setTimeout(() => socket.destroy(), limits.upgradeTimeoutMs).unref();
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // The WebSocket clears this when it takes the socket; until then the upgrade is bounded.
    (socket as Socket).setTimeout(limits.upgradeTimeoutMs, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    if (!hostAllowed(req.headers.host, hosts)) return refuse(socket, 421, 'Misdirected Request');
    const target = requestTarget(req.url);
    if (!target || target.pathname !== WEB_SOCKET_PATH) return refuse(socket, 404, 'Not Found');
    if (!sameSecret(target.query.get('token'), token)) return refuse(socket, 401, 'Unauthorized');
    if (!origins.has(req.headers.origin ?? '')) return refuse(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, BIND_ADDRESS, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Errors after listening (EMFILE on accept) must not go unhandled and end the process.
  server.on('error', (error) => log('MQScope web host: server error', error));
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(port);
  // The pages a browser can load from this server: it binds 127.0.0.1 only, so no [::1].
  origins = new Set([`http://${BIND_ADDRESS}:${port}`, `http://localhost:${port}`]);

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      upgrade(req, socket, head);
    } catch (error) {
      log('MQScope web host: an upgrade failed', error);
      socket.destroy();
    }
  });

  function accept(ws: WebSocket): void {
    sockets.add(ws);
    options.onPageCount?.(sockets.size);
    const handleFrame = createFrameHandler(dispatch, (message) => log(message));
    const send = (bytes: Uint8Array | null) => {
      if (bytes && ws.readyState === ws.OPEN) ws.send(bytes);
    };
    const stopEvents = options.engine.onEvent((event) => {
      send(encodeEvent({ kind: 'event', name: event.name, payload: event.payload } as ServerFrame, log));
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      // handleFrame never rejects; the catch is for send() on a socket torn down meanwhile.
      void handleFrame(data, isBinary)
        .then(send)
        .catch((error: unknown) => log('MQScope web host: could not send an answer', error));
    });
    ws.on('close', () => {
      stopEvents();
      sockets.delete(ws);
      options.onPageCount?.(sockets.size);
    });
    ws.on('error', () => ws.terminate());
  }

  return {
    url: `http://${BIND_ADDRESS}:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const ws of sockets) {
        ws.close(1001, 'MQScope web host is shutting down');
        // A busy or frozen page may never answer the close handshake.
        setTimeout(() => ws.terminate(), 1000).unref();
      }
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
