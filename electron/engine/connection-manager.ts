import type { EngineText } from '../contract';
import { text } from './text/keys';
import type {
  ConnectOptions,
  ConnectionRemoved,
  ConnectionStatus,
  EngineEvent,
  ReceivedMessage,
} from '../contract';
import { ConnectOptionsSchema } from '../contract';
import { EngineError } from './errors';
import { MqttConnection } from './connection';
import { MessageStreams } from './stream/message-streams';

export type EngineListener = (event: EngineEvent) => void;
/** Each received message at once, before batching (auto-responders); must only queue. */
export type ArrivalListener = (connectionId: string, message: ReceivedMessage) => void;
/** Every message a connection receives ('in') or publishes ('out'), for recorders. */
export type TrafficListener = (
  connectionId: string,
  messages: readonly ReceivedMessage[],
  direction: 'in' | 'out',
) => void;

/**
 * All open connections, independent of each other, and the one place engine events
 * leave from. Hosts subscribe with onEvent() and forward to their renderers.
 */
export class ConnectionManager {
  private readonly connections = new Map<string, MqttConnection>();
  private readonly listeners = new Set<EngineListener>();
  private readonly traffic = new Set<TrafficListener>();
  private readonly arrivals = new Set<ArrivalListener>();
  private nextId = 1;
  /** Each connection's message log and topic index (see stream/). */
  readonly streams = new MessageStreams();

  onEvent(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onTraffic(listener: TrafficListener): () => void {
    this.traffic.add(listener);
    return () => this.traffic.delete(listener);
  }

  onArrival(listener: ArrivalListener): () => void {
    this.arrivals.add(listener);
    return () => this.arrivals.delete(listener);
  }

  private tap(connectionId: string, messages: readonly ReceivedMessage[], direction: 'in' | 'out'): void {
    for (const listener of this.traffic) {
      try {
        listener(connectionId, messages, direction);
      } catch {
        /* a recorder's fault must not stop the message path */
      }
    }
  }

  /** Opens a connection and resolves with its first outcome (connected or failed). */
  async open(options: ConnectOptions, profileId?: string): Promise<ConnectionStatus> {
    const id = `conn-${this.nextId++}`;
    const stream = this.streams.create(id);
    const connection = new MqttConnection(
      id,
      ConnectOptionsSchema.parse(options),
      {
        onStatus: (payload) => this.emit({ name: 'connection.status', payload }),
        // Messages reach the renderer by its polls of the stream, never one event each.
        onMessages: (connectionId, messages) => {
          stream.ingest(messages);
          if (this.traffic.size > 0) this.tap(connectionId, messages, 'in');
        },
        onArrival: (connectionId, message) => {
          if (this.arrivals.size === 0) return;
          for (const listener of this.arrivals) {
            try {
              listener(connectionId, message);
            } catch {
              /* a responder's fault must not stop the message path */
            }
          }
        },
        onSent: (connectionId, message) => {
          if (this.traffic.size > 0) this.tap(connectionId, [message()], 'out');
        },
        // A payload beyond this is cut as it is copied off the socket (Trust #18).
        maxPayloadBytes: () => this.streams.getLimits().maxPayloadBytes,
        onSubscriptions: (connectionId, subscriptions) =>
          this.emit({ name: 'subscriptions.changed', payload: { connectionId, subscriptions } }),
        onPackets: (connectionId, packets) =>
          this.emit({ name: 'packets.batch', payload: { connectionId, packets } }),
      },
      profileId,
    );
    this.connections.set(id, connection);
    return connection.open();
  }

  get(connectionId: string): MqttConnection {
    const connection = this.connections.get(connectionId);
    if (!connection) throw new EngineError('not-found', text('request.noConnection', { id: connectionId }));
    return connection;
  }

  /**
   * Disconnects. The connection stays listed, with its messages and packets, until it is
   * removed: a page that reloads finds it and can still read what arrived (Trust #16).
   */
  async close(connectionId: string, reason?: EngineText): Promise<ConnectionStatus> {
    const status = await this.get(connectionId).close(reason);
    this.streams.end(connectionId);
    return status;
  }

  /** Closes the connection if needed, forgets it and frees its message log (Trust #17). */
  async remove(connectionId: string): Promise<ConnectionRemoved> {
    await this.close(connectionId, text('state.removed'));
    this.connections.delete(connectionId);
    const freedBytes = this.streams.remove(connectionId);
    this.emit({ name: 'connection.removed', payload: { connectionId } });
    return { connectionId, freedBytes };
  }

  /** Every connection the engine holds, live or over, oldest first. */
  list(): ConnectionStatus[] {
    return [...this.connections.values()].map((c) => c.status);
  }

  /** Disconnects every running connection with `reason`; they stay listed. Answers how many. */
  async closeRunning(reason: EngineText): Promise<number> {
    const running = [...this.connections.values()].filter(
      (c) => c.status.state !== 'disconnected' && c.status.state !== 'failed',
    );
    await Promise.allSettled(running.map((c) => this.close(c.id, reason)));
    return running.length;
  }

  /** Closes every connection with a proper DISCONNECT, then forgets them all (host shutdown). */
  async closeAll(reason: EngineText): Promise<void> {
    const ids = [...this.connections.keys()];
    await Promise.allSettled(ids.map((id) => this.close(id, reason)));
    await Promise.allSettled(ids.map((id) => this.remove(id)));
  }

  private emit(event: EngineEvent): void {
    for (const listener of this.listeners) {
      // One faulty listener (a closed window, a dropped socket) must not starve the others.
      try {
        listener(event);
      } catch {
        /* the host's own problem; the engine carries on */
      }
    }
  }
}
