/**
 * A broker that speaks raw bytes, for the hostile-broker suite: it listens on a free
 * loopback port, waits for the client's CONNECT, answers with a scripted byte sequence
 * (usually a CONNACK, then the case's bad packet), and records every packet the client
 * sends back, so a test can check the DISCONNECT reason the client closed with.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, createWebSocketStream } from 'ws';

export interface ClientPacket {
  /** The fixed header's packet type (1 CONNECT … 14 DISCONNECT). */
  type: number;
  body: Buffer;
}

export interface FakeBrokerScript {
  /** Bytes sent once the CONNECT has arrived (typically a CONNACK and a bad packet). */
  reply: Buffer;
  /** Sent after `reply`, on a later tick: a second chunk, for cases split across reads. */
  then?: Buffer;
  /** Runs after `reply`, for cases that stream (e.g. a huge packet written chunk by chunk). */
  after?: (socket: Duplex) => void;
  /** Speak MQTT over WebSocket (path /mqtt) instead of plain TCP. */
  websocket?: boolean;
}

export interface FakeBroker {
  port: number;
  /** Packets the client sent, in order, across its connections. */
  readonly packets: ClientPacket[];
  /** How many client connections have closed. */
  readonly closedConnections: number;
  /**
   * Resolves once the client's n-th connection (from 0) has closed, with the DISCONNECT it
   * sent on it, or null if it closed without one; rejects after timeoutMs.
   */
  closed(n?: number, timeoutMs?: number): Promise<ClientPacket | null>;
  stop(): Promise<void>;
}

export const CONNACK_V5 = Buffer.from([0x20, 0x03, 0x00, 0x00, 0x00]);
export const CONNACK_V311 = Buffer.from([0x20, 0x02, 0x00, 0x00]);

/** A PUBLISH built from raw parts, so a test can put any bytes in the topic. */
export function rawPublish(options: {
  topic: Buffer;
  payload?: Buffer;
  qos?: number;
  packetId?: number;
  v5: boolean;
}): Buffer {
  const qos = options.qos ?? 0;
  const topicLength = Buffer.alloc(2);
  topicLength.writeUInt16BE(options.topic.length);
  const id = Buffer.alloc(qos > 0 ? 2 : 0);
  if (qos > 0) id.writeUInt16BE(options.packetId ?? 1);
  const body = Buffer.concat([
    topicLength,
    options.topic,
    id,
    options.v5 ? Buffer.from([0x00]) : Buffer.alloc(0),
    options.payload ?? Buffer.from('x'),
  ]);
  return Buffer.concat([Buffer.from([0x30 | (qos << 1)]), remainingLength(body.length), body]);
}

export function remainingLength(length: number): Buffer {
  const bytes: number[] = [];
  let rest = length;
  do {
    let byte = rest % 128;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest > 0);
  return Buffer.from(bytes);
}

/** Splits a byte stream into MQTT packets; returns the packets and the unread rest. */
function frames(buffer: Buffer): { packets: ClientPacket[]; rest: Buffer } {
  const packets: ClientPacket[] = [];
  let at = 0;
  for (;;) {
    if (buffer.length - at < 2) break;
    let length = 0;
    let mul = 1;
    let i = at + 1;
    let complete = false;
    while (i < buffer.length && i - at <= 4) {
      const byte = buffer[i++] ?? 0;
      length += (byte & 0x7f) * mul;
      mul *= 128;
      if ((byte & 0x80) === 0) {
        complete = true;
        break;
      }
    }
    if (!complete || buffer.length - i < length) break;
    packets.push({ type: (buffer[at] ?? 0) >> 4, body: buffer.subarray(i, i + length) });
    at = i + length;
  }
  return { packets, rest: buffer.subarray(at) };
}

export async function startFakeBroker(script: FakeBrokerScript): Promise<FakeBroker> {
  const packets: ClientPacket[] = [];
  const sockets = new Set<Duplex>();
  const closes: (ClientPacket | null)[] = [];
  const closeWaiters = new Set<() => void>();

  const serve = (socket: Duplex) => {
    sockets.add(socket);
    let pending = Buffer.alloc(0);
    let answered = false;
    let disconnect: ClientPacket | null = null;
    socket.on('data', (chunk: Buffer) => {
      const { packets: got, rest } = frames(Buffer.concat([pending, chunk]));
      pending = Buffer.from(rest);
      for (const packet of got) {
        packets.push(packet);
        if (packet.type === 14) disconnect = packet;
        if (packet.type === 1 && !answered) {
          answered = true;
          socket.write(script.reply);
          script.after?.(socket);
          if (script.then) {
            const then = script.then;
            setImmediate(() => socket.writable && socket.write(then));
          }
        }
      }
    });
    socket.on('error', () => undefined);
    // The client went away: close our side too (a WebSocket stream would otherwise stay half-open).
    socket.on('end', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      closes.push(disconnect);
      for (const wake of closeWaiters) wake();
    });
  };
  let server: Server;
  let wss: WebSocketServer | null = null;
  if (script.websocket) {
    const http = createHttpServer();
    wss = new WebSocketServer({ server: http, path: '/mqtt' });
    wss.on('connection', (ws) => serve(createWebSocketStream(ws)));
    server = http;
  } else {
    server = createServer(serve);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    packets,
    get closedConnections() {
      return closes.length;
    },
    closed(n = 0, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (closes.length <= n) return;
          clearTimeout(timer);
          closeWaiters.delete(check);
          resolve(closes[n] ?? null);
        };
        const timer = setTimeout(() => {
          closeWaiters.delete(check);
          reject(new Error(`the client's connection ${n} did not close within ${timeoutMs} ms`));
        }, timeoutMs);
        closeWaiters.add(check);
        check();
      });
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      wss?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
