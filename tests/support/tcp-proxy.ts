/**
 * A loopback TCP proxy between a client and a broker that can fail the way a network does:
 * black-hole (drop what is sent, in one direction or both, while every socket stays open, so
 * neither side notices), hold (keep it, as a congested link) and release it later, then cut.
 * New connections always forward normally: the network "comes back" for the reconnect.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export type Direction = 'toBroker' | 'toClient';

export interface TcpProxy {
  port: number;
  /** Connections currently open through the proxy. */
  connections(): number;
  /** Bytes forwarded so far in one direction (over all connections). */
  forwarded(direction: Direction): number;
  /** From now on, drops what the open connections send in these directions. */
  blackhole(...directions: Direction[]): void;
  /** From now on, keeps what the open connections send in this direction, undelivered. */
  hold(direction: Direction): void;
  /** Delivers what was held, and forwards again. */
  release(direction: Direction): void;
  /** Bytes held right now in one direction. */
  held(direction: Direction): number;
  /** Destroys every open connection (both sockets), as a network that finally gives up. */
  cut(): void;
  close(): Promise<void>;
}

type Mode = 'pass' | 'hold' | 'drop';

interface Pair {
  client: Socket;
  broker: Socket;
  mode: Record<Direction, Mode>;
  held: Record<Direction, Buffer[]>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  const bytes: Record<Direction, number> = { toBroker: 0, toClient: 0 };

  const forward = (pair: Pair, from: Socket, to: Socket, direction: Direction) => {
    from.on('data', (chunk: Buffer) => {
      const mode = pair.mode[direction];
      if (mode === 'drop') return;
      if (mode === 'hold') {
        pair.held[direction].push(chunk);
        return;
      }
      bytes[direction] += chunk.length;
      to.write(chunk);
    });
  };
  const targetOf = (pair: Pair, direction: Direction) =>
    direction === 'toBroker' ? pair.broker : pair.client;

  const server: Server = createServer((client) => {
    const broker = createConnection(target);
    const pair: Pair = {
      client,
      broker,
      mode: { toBroker: 'pass', toClient: 'pass' },
      held: { toBroker: [], toClient: [] },
    };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      broker.destroy();
    };
    forward(pair, client, broker, 'toBroker');
    forward(pair, broker, client, 'toClient');
    for (const socket of [client, broker]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    connections: () => pairs.size,
    forwarded: (direction) => bytes[direction],
    blackhole: (...directions) => {
      for (const pair of pairs) for (const direction of directions) pair.mode[direction] = 'drop';
    },
    hold: (direction) => {
      for (const pair of pairs) pair.mode[direction] = 'hold';
    },
    release: (direction) => {
      for (const pair of pairs) {
        pair.mode[direction] = 'pass';
        for (const chunk of pair.held[direction].splice(0)) {
          bytes[direction] += chunk.length;
          targetOf(pair, direction).write(chunk);
        }
      }
    },
    held: (direction) => {
      let total = 0;
      for (const pair of pairs) for (const chunk of pair.held[direction]) total += chunk.length;
      return total;
    },
    cut: () => {
      for (const pair of [...pairs]) {
        pair.client.destroy();
        pair.broker.destroy();
        pairs.delete(pair);
      }
    },
    close: async () => {
      for (const pair of [...pairs]) {
        pair.client.destroy();
        pair.broker.destroy();
      }
      pairs.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
