import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, createWebSocketStream } from 'ws';

export interface ListenerOptions {
  bindAddress: string;
  tcpPort: number;
  wsPort: number;
  wsPath: string;
  /** Hands one MQTT byte stream to the broker; `request` is set for WebSocket clients. */
  handle(stream: Duplex, request?: IncomingMessage): void;
  /** Every raw socket, for the byte counters and for cutting them on stop. */
  onSocket(socket: Socket): void;
}

export interface Listeners {
  close(): Promise<void>;
}

/** An error from listen(), with the port and listener it concerns. */
export class ListenError extends Error {
  constructor(
    readonly port: number,
    readonly listener: 'tcp' | 'ws',
    readonly errno: string,
    cause: Error,
  ) {
    super(cause.message);
    this.name = 'ListenError';
  }
}

function listen(
  server: TcpServer | HttpServer,
  port: number,
  host: string,
  listener: 'tcp' | 'ws',
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(new ListenError(port, listener, error.code ?? 'ERROR', error));
    server.once('error', onError);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function closeServer(server: TcpServer | HttpServer): Promise<void> {
  return new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
}

/**
 * The broker's two listeners: MQTT over TCP, and MQTT over WebSocket on one path. aedes
 * takes any duplex stream; `ws`'s createWebSocketStream turns a WebSocket into one, so no
 * extra server package is needed. Either both listen, or neither does.
 */
export async function openListeners(options: ListenerOptions): Promise<Listeners> {
  const tcp = createTcpServer((socket) => {
    options.onSocket(socket);
    options.handle(socket);
  });
  const http = createHttpServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain' }).end('This port speaks MQTT over WebSocket.\n');
  });
  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== options.wsPath) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      options.onSocket(request.socket);
      options.handle(createWebSocketStream(ws), request);
    });
  });
  // A client that cuts its socket mid-handshake must not crash the host.
  tcp.on('error', () => undefined);
  http.on('clientError', (_error, socket: Duplex) => socket.destroy());

  try {
    await listen(tcp, options.tcpPort, options.bindAddress, 'tcp');
    await listen(http, options.wsPort, options.bindAddress, 'ws');
  } catch (error) {
    await Promise.all([closeServer(tcp), closeServer(http)]);
    throw error;
  }
  return {
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await Promise.all([closeServer(tcp), closeServer(http)]);
    },
  };
}
