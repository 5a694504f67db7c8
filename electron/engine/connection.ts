import mqtt, { type IConnackPacket, type IDisconnectPacket, type MqttClient, type Packet } from 'mqtt';
import {
  encodePayload,
  type ConnackInfo,
  type ConnectionState,
  type ConnectionStatus,
  type PacketRecord,
  type ParsedConnectOptions,
  type Problem,
  type PublishResult,
  type QueuedPublish,
  type ReceivedMessage,
  type Subscription,
} from '../contract';
import type { ParsedRequestInput, SubscriptionLabel } from '../contract';
import { brokerUrl, buildClientOptions, generateClientId, isTls, protocolFields } from './client-options';
import { connackInfo } from './connack';
import { EngineError, describeDisconnect, describeError, reasonCodeText } from './errors';
import { MessageBatcher } from './message-batcher';
import { PacketLog } from './packet-log';
import { messagePropertiesFromPacket, userPropertiesToPacket } from './properties';
import { SubscriptionTable } from './subscription-table';

/** How long a graceful close may wait for in-flight packets before the socket is cut. */
const CLOSE_GRACE_MS = 2000;

export interface ConnectionSink {
  onStatus(status: ConnectionStatus): void;
  onMessages(connectionId: string, messages: ReceivedMessage[]): void;
  onSubscriptions(connectionId: string, subscriptions: Subscription[]): void;
  onPackets(connectionId: string, packets: PacketRecord[]): void;
}

type PublishInput = ParsedRequestInput<'message.publish'>;
type SubscribeOptions = Subscription['options'];

/**
 * One broker connection over mqtt.js, and the truth about it: a state machine whose every
 * transition carries its reason, the CONNACK, the packet log, subscriptions the engine
 * restores itself, and the queue of unacknowledged publishes.
 */
export class MqttConnection {
  private client: MqttClient | null = null;
  private current: ConnectionStatus;
  private everConnected = false;
  /** Set when we close on purpose: the reason to report instead of "connection lost". */
  private closingReason: string | null = null;
  private lastProblem: Problem | undefined;
  /** A refused CONNACK is final: retrying a wrong password only gets the client banned. */
  private refused = false;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  /** Lab: sending nothing on purpose, so the broker's keepalive timeout can be watched. */
  private stalled = false;
  /** Resolved when the state becomes disconnected or failed. */
  private closedWaiters: (() => void)[] = [];
  private readonly mqttVersion: number;
  private readonly batcher: MessageBatcher<ReceivedMessage>;
  private readonly packets: PacketLog;
  private readonly subscriptions: SubscriptionTable;
  private readonly queue = new Map<number, QueuedPublish>();
  private readonly ackCodes = new Map<number, number>();

  constructor(
    readonly id: string,
    readonly options: ParsedConnectOptions,
    private readonly sink: ConnectionSink,
  ) {
    this.mqttVersion = protocolFields(options.protocolVersion).protocolVersion ?? 5;
    this.current = {
      connectionId: id,
      state: 'idle',
      reason: 'Not connected yet.',
      url: brokerUrl(options),
      clientId: options.clientId || generateClientId(),
      protocolVersion: options.protocolVersion,
      keepaliveSeconds: options.keepaliveSeconds,
      ...(options.will && { willTopic: options.will.topic }),
      insecure: isTls(options) && options.tls?.verifyServer === false,
      since: Date.now(),
    };
    this.batcher = new MessageBatcher((messages) => this.sink.onMessages(this.id, messages));
    this.packets = new PacketLog((packets) => this.sink.onPackets(this.id, packets));
    this.subscriptions = new SubscriptionTable((list) => this.sink.onSubscriptions(this.id, list));
  }

  get status(): ConnectionStatus {
    return this.current;
  }

  private get v5(): boolean {
    return this.mqttVersion === 5;
  }

  /** Resolves with the first outcome (connected, failed, or reconnecting after a failure). Never rejects. */
  async open(): Promise<ConnectionStatus> {
    this.setState('connecting', `Connecting to ${this.current.url}…`);
    let clientOptions;
    try {
      clientOptions = await buildClientOptions(this.options, this.current.clientId);
    } catch (error) {
      this.setState('failed', 'Could not connect.', describeError(error, this.mqttVersion));
      return this.current;
    }
    return new Promise((resolve) => {
      let settled = false;
      const settle = () => {
        if (!settled) {
          settled = true;
          resolve(this.current);
        }
      };
      // Listeners first, then connect: CONNECT itself must reach the packet log.
      const client = mqtt.connect(this.current.url, { ...clientOptions, manualConnect: true });
      this.client = client;
      this.attach(client, settle);
      client.connect();
    });
  }

  private attach(client: MqttClient, settle: () => void): void {
    client.on('connect', (packet: IConnackPacket) => {
      const connack = connackInfo(packet, this.mqttVersion);
      const reconnected = this.everConnected;
      this.everConnected = true;
      this.lastProblem = undefined;
      this.attempt = 0;
      const session = connack.sessionPresent ? ' The broker kept the session.' : '';
      this.setState(
        'connected',
        `${reconnected ? 'Reconnected.' : 'Connected.'}${session}`,
        undefined,
        connack,
      );
      if (reconnected && !connack.sessionPresent) void this.subscriptions.restore(client, this.v5);
      settle();
    });
    // Every error is handled: an unhandled 'error' would crash the host process.
    client.on('error', (error) => {
      this.lastProblem =
        error.message === 'connack timeout'
          ? {
              code: 'CONNACK_TIMEOUT',
              message: `The broker did not accept the connection within ${this.options.connectTimeoutMs / 1000} s.`,
            }
          : describeError(error, this.mqttVersion);
      if ('code' in error && typeof error.code === 'number' && !this.everConnectedNow()) this.refused = true;
    });
    client.on('disconnect', (packet: IDisconnectPacket) => {
      this.lastProblem = describeDisconnect(packet.reasonCode ?? 0, packet.properties?.reasonString);
    });
    client.on('message', (topic, payload, packet) => {
      // Copy the bytes: the Buffer may be a view of a larger socket chunk.
      const message: ReceivedMessage = {
        topic,
        payload: new Uint8Array(payload),
        qos: packet.qos,
        retain: packet.retain,
        receivedAt: Date.now(),
      };
      const properties = messagePropertiesFromPacket(packet.properties);
      if (properties) message.properties = properties;
      this.batcher.push(message);
    });
    client.on('packetsend', (packet: Packet) => this.onPacket(packet, 'out'));
    client.on('packetreceive', (packet: Packet) => this.onPacket(packet, 'in'));
    client.on('close', () => {
      this.onClosed();
      settle();
    });
  }

  /** True while the socket is up and CONNACK said yes. */
  private everConnectedNow(): boolean {
    return this.current.state === 'connected';
  }

  private onPacket(packet: Packet, direction: 'in' | 'out'): void {
    this.packets.record(packet, direction);
    const id = (packet as { messageId?: number }).messageId;
    if (id === undefined) return;
    if (direction === 'out' && packet.cmd === 'publish' && packet.qos > 0 && !packet.dup) {
      this.queue.set(id, {
        messageId: id,
        topic: packet.topic,
        qos: packet.qos as 1 | 2,
        size: typeof packet.payload === 'string' ? Buffer.byteLength(packet.payload) : packet.payload.length,
        sentAt: Date.now(),
      });
    } else if (direction === 'in' && (packet.cmd === 'puback' || packet.cmd === 'pubcomp')) {
      this.queue.delete(id);
      this.ackCodes.set(id, (packet as { reasonCode?: number }).reasonCode ?? 0);
    } else if (direction === 'in' && packet.cmd === 'pubrec') {
      const code = (packet as { reasonCode?: number }).reasonCode ?? 0;
      // A failed PUBREC ends the QoS 2 flow: there will be no PUBCOMP.
      if (code >= 0x80) this.queue.delete(id);
    }
  }

  async close(reason = 'Disconnected by you.'): Promise<ConnectionStatus> {
    const client = this.client;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    if (!client || this.isOver()) return this.current;
    this.closingReason = reason;
    if (this.current.state === 'connected') {
      // A graceful end waits for in-flight acks; a dead socket could make it wait forever.
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          // client.end(true) would be a no-op here: once end() has begun, mqtt.js only calls back.
          // Cut the socket ourselves, and answer what is still in flight instead of leaving it pending.
          this.clearQueue();
          client.stream.destroy();
          resolve();
        }, CLOSE_GRACE_MS);
        client.end(false, () => {
          clearTimeout(force);
          resolve();
        });
      });
    } else {
      client.end(true);
    }
    // 'close' may not fire when the socket never opened: settle the state here too.
    this.onClosed();
    return this.current;
  }

  subscribe(filter: string, options: SubscribeOptions, label?: SubscriptionLabel): Promise<Subscription> {
    return this.subscriptions.add(this.requireConnected(), filter, options, this.v5, label);
  }

  unsubscribe(filter: string): Promise<number | null> {
    return this.subscriptions.remove(this.requireConnected(), filter);
  }

  listSubscriptions(): Subscription[] {
    return this.subscriptions.list();
  }

  async publish(input: PublishInput): Promise<PublishResult> {
    const client = this.requireConnected();
    const encoded = encodePayload(input.payload);
    if (!encoded.ok) throw new EngineError('invalid-input', encoded.message);
    if (input.properties && !this.v5) {
      throw new EngineError('invalid-input', 'MQTT 5 properties need an MQTT 5 connection.');
    }
    const p = input.properties;
    const properties = p && {
      ...(p.payloadFormatIndicator !== undefined && { payloadFormatIndicator: p.payloadFormatIndicator }),
      ...(p.messageExpiryInterval !== undefined && { messageExpiryInterval: p.messageExpiryInterval }),
      ...(p.topicAlias !== undefined && { topicAlias: p.topicAlias }),
      ...(p.responseTopic !== undefined && { responseTopic: p.responseTopic }),
      ...(p.correlationData !== undefined && { correlationData: Buffer.from(p.correlationData) }),
      ...(p.userProperties?.length && { userProperties: userPropertiesToPacket(p.userProperties) }),
      ...(p.contentType !== undefined && { contentType: p.contentType }),
    };
    let packet;
    try {
      packet = await client.publishAsync(input.topic, Buffer.from(encoded.bytes), {
        qos: input.qos,
        retain: input.retain,
        ...(properties && { properties }),
      });
    } catch (error) {
      throw publishFailure(error);
    }
    const messageId = packet?.messageId;
    if (input.qos === 0 || messageId === undefined) return { outcome: 'Sent (QoS 0: no acknowledgement).' };
    const reasonCode = this.ackCodes.get(messageId) ?? 0;
    this.ackCodes.delete(messageId);
    const ack = input.qos === 1 ? 'PUBACK' : 'PUBCOMP';
    const outcome = `Acknowledged: ${ack} ${this.v5 ? reasonCodeText(reasonCode) : ''}`.trim() + '.';
    return { messageId, reasonCode, outcome };
  }

  /** Lab: destroy the socket without DISCONNECT, the way a crash or a lost network does. */
  async drop(): Promise<ConnectionStatus> {
    const client = this.requireConnected();
    this.closingReason = 'Dropped on purpose: the socket was destroyed without DISCONNECT.';
    await this.untilClosed(() => client.stream.destroy());
    return this.current;
  }

  /** Lab: send nothing more, PINGREQ included, and let the broker time the client out. */
  stall(): ConnectionStatus {
    const client = this.requireConnected();
    this.stalled = true;
    client.keepaliveManager?.destroy();
    const limit = this.current.connack?.serverKeepalive ?? this.options.keepaliveSeconds;
    this.setState(
      'connected',
      `Stalled on purpose: sending nothing, not even PINGREQ. The broker may drop this client ${limit * 1.5} s after its last packet.`,
    );
    return this.current;
  }

  /** Lab: MQTT 5 DISCONNECT with reason 0x04, a goodbye that still asks the broker for the will. */
  async disconnectWithWill(): Promise<ConnectionStatus> {
    const client = this.requireConnected();
    if (!this.v5) throw new EngineError('invalid-input', 'Disconnect with will needs an MQTT 5 connection.');
    this.closingReason = 'Disconnected with reason 0x04: the broker should publish the will.';
    await this.untilClosed(() => client.end(false, { reasonCode: 0x04 }));
    return this.current;
  }

  /** Runs `action` and resolves once the connection has settled into a final state. */
  private untilClosed(action: () => void): Promise<void> {
    return new Promise((resolve) => {
      this.closedWaiters.push(resolve);
      action();
    });
  }

  queued(): QueuedPublish[] {
    return [...this.queue.values()];
  }

  /** Gives up on every unacknowledged publish; their callers get "removed". */
  clearQueue(): number {
    const client = this.client;
    if (!client) return 0;
    const ids = Object.keys(client.outgoing).map(Number);
    for (const id of ids) client.removeOutgoingMessage(id);
    this.queue.clear();
    return ids.length;
  }

  listPackets(): { packets: PacketRecord[]; dropped: number } {
    return this.packets.list();
  }

  /** Epoch ms of the last packet this client sent: where the broker's keepalive clock starts. */
  lastSentAt(): number | null {
    return this.packets.lastOutAt;
  }

  private requireConnected(): MqttClient {
    if (this.stalled) {
      throw new EngineError(
        'not-connected',
        'This connection is stalled on purpose: it sends nothing until the broker drops it.',
      );
    }
    if (!this.client || this.current.state !== 'connected') {
      throw new EngineError(
        'not-connected',
        `Connection ${this.id} is not connected (it is ${this.current.state}).`,
      );
    }
    return this.client;
  }

  private isOver(): boolean {
    return this.current.state === 'disconnected' || this.current.state === 'failed';
  }

  private onClosed(): void {
    if (this.isOver() || this.reconnectTimer) return;
    this.batcher.flush();
    this.packets.flush();
    const { maxAttempts, periodMs } = this.options.reconnect;
    if (this.closingReason !== null) {
      this.setState('disconnected', this.closingReason);
    } else if (this.refused) {
      this.setState('failed', 'The broker refused the connection.', this.lastProblem);
    } else if (this.stalled) {
      const problem = this.lastProblem ?? {
        code: 'KEEPALIVE_EXPIRED',
        message: 'The broker closed the connection: nothing was sent within 1.5 × the keepalive.',
      };
      this.setState('disconnected', 'The broker dropped the stalled client.', problem);
    } else if (this.attempt < maxAttempts) {
      this.attempt++;
      const problem = this.lastProblem ?? { code: 'CONNECTION_LOST', message: 'The connection was lost.' };
      const wait = periodMs >= 1000 ? `${periodMs / 1000} s` : `${periodMs} ms`;
      this.setState(
        'reconnecting',
        `Reconnecting in ${wait} (attempt ${this.attempt} of ${maxAttempts}).`,
        problem,
      );
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        if (this.closingReason === null) this.client?.reconnect();
      }, periodMs);
      return;
    } else if (maxAttempts > 0) {
      const problem = this.lastProblem ?? { code: 'CONNECTION_LOST', message: 'The connection was lost.' };
      this.setState('failed', `Gave up after ${maxAttempts} reconnect attempts.`, problem);
    } else if (!this.everConnected) {
      const problem = this.lastProblem ?? {
        code: 'CLOSED',
        message: 'The broker closed the connection before accepting it.',
      };
      this.setState('failed', 'Could not connect.', problem);
    } else if (this.lastProblem?.code.startsWith('DISCONNECT')) {
      // The broker said goodbye with a reason (MQTT 5): not a lost connection.
      this.setState('disconnected', 'Disconnected by the broker.', this.lastProblem);
    } else {
      const problem = this.lastProblem ?? { code: 'CONNECTION_LOST', message: 'The connection was lost.' };
      this.setState('disconnected', 'Connection lost.', problem);
    }
    this.client?.end(true);
  }

  private setState(state: ConnectionState, reason: string, problem?: Problem, connack?: ConnackInfo): void {
    const next: ConnectionStatus = {
      connectionId: this.id,
      state,
      reason,
      url: this.current.url,
      clientId: connack?.assignedClientId ?? this.current.clientId,
      protocolVersion: this.current.protocolVersion,
      keepaliveSeconds: this.current.keepaliveSeconds,
      ...(this.current.willTopic !== undefined && { willTopic: this.current.willTopic }),
      insecure: this.current.insecure,
      since: Date.now(),
    };
    const lastConnack = connack ?? this.current.connack;
    if (lastConnack) next.connack = lastConnack;
    if (problem) next.problem = problem;
    if (state === 'reconnecting') next.attempt = this.attempt;
    this.current = next;
    this.sink.onStatus(next);
    if (this.isOver()) {
      for (const resolve of this.closedWaiters.splice(0)) resolve();
    }
  }
}

/** A publish the broker or mqtt.js refused, in words. */
function publishFailure(error: unknown): EngineError {
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e.code === 'number') {
    return new EngineError('mqtt-error', `The broker refused the message: ${reasonCodeText(e.code)}.`);
  }
  if (e.message === 'Message removed') {
    return new EngineError(
      'mqtt-error',
      'Removed from the outgoing queue before the broker acknowledged it.',
    );
  }
  if (e.message === 'client disconnecting' || e.message === 'Connection closed') {
    return new EngineError('not-connected', 'The connection closed before the message was acknowledged.');
  }
  return new EngineError('mqtt-error', typeof e.message === 'string' ? e.message : String(error));
}
