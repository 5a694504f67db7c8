import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { decode, encode } from '@msgpack/msgpack';
import { WebSocketServer, type WebSocket } from 'ws';
import { WEB_SOCKET_PATH, type ServerFrame } from '../contract/web-wire';
import type { Engine } from '../engine';
import { createDispatch } from '../host/dispatch';
import { serveStatic } from './static-files';

/** Loopback only: the web host carries broker passwords and must not be reachable from the network. */
const BIND_ADDRESS = '127.0.0.1';
/** Generous for large payloads, but bounded so one frame cannot exhaust memory. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;

export interface WebHostOptions {
  engine: Engine;
  /** Folder of the built renderer (out/renderer). */
  staticDir: string;
  port: number;
  /** Fixed token for tests; a random one per run otherwise. */
  token?: string;
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

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

interface RequestFrame {
  kind: 'request';
  id: number;
  name: unknown;
  input: unknown;
}

function isRequestFrame(frame: unknown): frame is RequestFrame {
  if (typeof frame !== 'object' || frame === null) return false;
  const f = frame as Record<string, unknown>;
  return f.kind === 'request' && typeof f.id === 'number';
}

/**
 * Serves the renderer over http and the contract over a WebSocket, to a browser on this
 * machine. A WebSocket upgrade is accepted only with this run's token and our own Origin:
 * otherwise any web page the user visits could drive their broker connections.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const dispatch = createDispatch(options.engine.handlers);
  const sockets = new Set<WebSocket>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    void serveStatic(options.staticDir, url.pathname, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, BIND_ADDRESS, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const allowedOrigins = new Set([`http://${BIND_ADDRESS}:${port}`, `http://localhost:${port}`]);

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== WEB_SOCKET_PATH) return refuse(socket, 404, 'Not Found');
    if (!sameSecret(url.searchParams.get('token'), token)) return refuse(socket, 401, 'Unauthorized');
    if (!allowedOrigins.has(req.headers.origin ?? '')) return refuse(socket, 403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  });

  function accept(ws: WebSocket): void {
    sockets.add(ws);
    options.onPageCount?.(sockets.size);
    const send = (frame: ServerFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(encode(frame));
    };
    const stopEvents = options.engine.onEvent((event) => {
      send({ kind: 'event', name: event.name, payload: event.payload } as ServerFrame);
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      let frame: unknown;
      try {
        frame = isBinary ? decode(data) : undefined;
      } catch {
        frame = undefined;
      }
      // A frame we cannot read has no id to answer to: drop it rather than guess.
      if (!isRequestFrame(frame)) return;
      void dispatch(frame.name, frame.input).then((envelope) =>
        send({ kind: 'response', id: frame.id, envelope }),
      );
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
