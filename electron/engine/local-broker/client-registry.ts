import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Client, ConnectPacket } from 'aedes';
import type { LocalBrokerClient } from '../../contract';

interface ConnectFacts {
  keepaliveSeconds: number;
  willTopic: string | undefined;
  protocolVersion: number;
}

/**
 * The clients connected to the local broker, keyed by aedes' client object rather than
 * the client ID: on a session takeover the old client's disconnect arrives after the new
 * one is ready, and must not remove the newcomer.
 */
export class ClientRegistry {
  /** Filled from CONNECT before the broker accepts it; read once the client is ready. */
  private readonly pending = new WeakMap<Client, ConnectFacts>();
  private readonly clients = new Map<Client, LocalBrokerClient>();
  /** Bumped on every change so the UI knows when to refetch the list. */
  revision = 0;

  noteConnect(client: Client, packet: ConnectPacket): void {
    this.pending.set(client, {
      keepaliveSeconds: packet.keepalive ?? 0,
      willTopic: packet.will?.topic,
      protocolVersion: packet.protocolVersion ?? 4,
    });
  }

  add(client: Client): void {
    const facts = this.pending.get(client);
    // aedes' type omits the request it was handed for WebSocket connections.
    const request = (client as Client & { req?: IncomingMessage }).req;
    const socket = request?.socket ?? (client.conn as Socket);
    const entry: LocalBrokerClient = {
      clientId: client.id,
      address: formatAddress(socket.remoteAddress, socket.remotePort),
      transport: request ? 'ws' : 'tcp',
      protocolVersion: facts?.protocolVersion ?? client.version,
      keepaliveSeconds: facts?.keepaliveSeconds ?? 0,
      connectedAt: Date.now(),
    };
    if (facts?.willTopic !== undefined) entry.willTopic = facts.willTopic;
    this.clients.set(client, entry);
    this.revision++;
  }

  remove(client: Client): void {
    if (this.clients.delete(client)) this.revision++;
  }

  get size(): number {
    return this.clients.size;
  }

  list(): LocalBrokerClient[] {
    return [...this.clients.values()].sort((a, b) => a.connectedAt - b.connectedAt);
  }

  live(): Client[] {
    return [...this.clients.keys()];
  }

  clear(): void {
    if (this.clients.size > 0) this.revision++;
    this.clients.clear();
  }
}

function formatAddress(address: string | undefined, port: number | undefined): string {
  if (!address) return 'unknown';
  // IPv4 clients on a dual-stack socket read as ::ffff:a.b.c.d: show the plain form.
  const plain = address.replace(/^::ffff:(?=\d+\.)/, '');
  const host = plain.includes(':') ? `[${plain}]` : plain;
  return port === undefined ? host : `${host}:${port}`;
}
