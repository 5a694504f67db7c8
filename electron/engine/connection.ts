import mqtt, { type IConnackPacket, type IDisconnectPacket, type MqttClient, type Packet } from 'mqtt';
import {
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
import type { EngineText, ParsedRequestInput, SubscriptionLabel } from '../contract';
import {
  brokerUrl,
  buildClientOptions,
  generateClientId,
  isTls,
  maxPacketSize,
  protocolFields,
} from './client-options';
import { connackInfo } from './connack';
import { EngineError, describeDisconnect, describeError, describeViolation, nestText } from './errors';
import { MessageBatcher } from './message-batcher';
import { PacketLog } from './packet-log';
import { InflightPublishes, publishFailure } from './publish/inflight';
import { publishPacket } from './publish/publish-packet';
import { closeOutcome } from './close-outcome';
import { receivedMessage, sentMessage } from './received-message';
import { SubscriptionTable } from './subscription-table';
import { stateKey, text } from './text/keys';
import { judgeError } from './wire/client-errors';
import { closeForViolation, guardClientStreams } from './wire/guarded-stream';
import { emptyTopicViolation, type WireViolation } from './wire/violation';

/** How long a graceful close may wait for in-flight packets before the socket is cut. */
const CLOSE_GRACE_MS = 2000;

export interface ConnectionSink {
  onStatus(status: ConnectionStatus): void;
  onMessages(connectionId: string, messages: ReceivedMessage[]): void;
  /** Only this much of a payload is copied off the socket; the rest is never kept. */
  maxPayloadBytes?(): number;
  onSubscriptions(connectionId: string, subscriptions: Subscription[]): void;
  onPackets(connectionId: string, packets: PacketRecord[]): void;
  /**
   * Each PUBLISH as it first goes out (resends with DUP are not new messages). The message
   * is built only if asked for: nobody pays for a copy of every payload unless recording.
   */
  onSent?(connectionId: string, message: () => ReceivedMessage): void;
  /**
   * Each message as it arrives, before the 50 ms batch (auto-responders answer within
   * milliseconds). Must only queue: it runs inside mqtt.js's handler.
   */
  onArrival?(connectionId: string, message: ReceivedMessage): void;
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
  private closingReason: EngineText | null = null;
  private lastProblem: Problem | undefined;
  /** A refused CONNACK is final: retrying a wrong password only gets the client banned. */
  private refused = false;
  /** Set when MQScope closed the connection over a broken packet: final, like a refusal. */
  private protocolClosed = false;
  /** The code of the last CONNACK received: only a non-zero one means "refused by the broker". */
  private connackCode: number | undefined;
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
  /** QoS 1/2 publish requests until answered: the queue, the quota gate and the session. */
  private readonly inflight: InflightPublishes;

  constructor(
    readonly id: string,
    readonly options: ParsedConnectOptions,
    private readonly sink: ConnectionSink,
    /** The profile it was opened from: a page that adopts it later finds the profile's workspace. */
    private readonly profileId?: string,
  ) {
    this.mqttVersion = protocolFields(options.protocolVersion).protocolVersion ?? 5;
    this.current = {
      connectionId: id,
      state: 'idle',
      reason: text('state.notYet'),
      url: brokerUrl(options),
      clientId: options.clientId || generateClientId(),
      protocolVersion: options.protocolVersion,
      keepaliveSeconds: options.keepaliveSeconds,
      ...(options.will && { willTopic: options.will.topic }),
      ...(profileId !== undefined && { profileId }),
      insecure: isTls(options) && options.tls?.verifyServer === false,
      since: Date.now(),
    };
    this.batcher = new MessageBatcher((messages) => this.sink.onMessages(this.id, messages));
    this.packets = new PacketLog((packets) => this.sink.onPackets(this.id, packets));
    this.subscriptions = new SubscriptionTable((list) => this.sink.onSubscriptions(this.id, list));
    this.inflight = new InflightPublishes(this.mqttVersion, () => this.client);
  }

  get status(): ConnectionStatus {
    return this.current;
  }

  private get v5(): boolean {
    return this.mqttVersion === 5;
  }

  /** Resolves with the first outcome (connected, failed, or reconnecting after a failure). Never rejects. */
  async open(): Promise<ConnectionStatus> {
    this.setState('connecting', text('state.connecting', { url: this.current.url }));
    let clientOptions;
    try {
      clientOptions = await buildClientOptions(this.options, this.current.clientId);
    } catch (error) {
      this.setState('failed', text('state.couldNotConnect'), describeError(error, this.mqttVersion));
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
      try {
        // Listeners first, then connect: CONNECT itself must reach the packet log.
        const client = mqtt.connect(this.current.url, {
          ...clientOptions,
          manualConnect: true,
          ...this.sessionStores(),
        });
        this.client = client;
        this.attach(client, settle);
        this.attachPublishing(client);
        client.connect();
      } catch (error) {
        // A throw from stream creation (e.g. tls.connect's own checks) must end the attempt, not
        // leave it "connecting": fail first, then tidy up what mqtt.js may half-hold.
        this.setState('failed', text('state.couldNotConnect'), describeError(error, this.mqttVersion));
        settle();
        try {
          this.client?.end(true);
        } catch {
          // No stream was ever made: nothing to close.
        }
      }
    });
  }

  private attach(client: MqttClient, settle: () => void): void {
    const wire = guardClientStreams(client, {
      protocolVersion: this.mqttVersion,
      maxPacketSize: maxPacketSize(this.options),
      onViolation: (violation) => this.closeForViolation(client, violation),
    });
    client.on('connect', (packet: IConnackPacket) => {
      // A CONNACK that shared a read with a broken packet: the connection is already closing.
      if (this.protocolClosed) return;
      const connack = connackInfo(packet, this.mqttVersion);
      const reconnected = this.everConnected;
      this.everConnected = true;
      this.lastProblem = undefined;
      this.attempt = 0;
      const kept = connack.sessionPresent;
      const words = reconnected
        ? text(kept ? 'state.reconnectedKept' : 'state.reconnected')
        : text(kept ? 'state.connectedKept' : 'state.connected');
      this.setState('connected', words, undefined, connack);
      if (reconnected && !connack.sessionPresent) void this.subscriptions.restore(client, this.v5);
      settle();
    });
    // Every error is handled: an unhandled 'error' would crash the host process.
    client.on('error', (error) => {
      // The first cause wins: a socket error after a protocol close is only its echo.
      if (this.protocolClosed) return;
      if (error.message === 'connack timeout') {
        this.lastProblem = {
          code: 'CONNACK_TIMEOUT',
          ...text('error.connackTimeout', { seconds: this.options.connectTimeoutMs / 1000 }),
        };
        return;
      }
      const verdict = judgeError(error, {
        protocolVersion: this.mqttVersion,
        connackCode: this.connackCode,
        connackSeen: wire.connackSeen,
      });
      if (verdict.kind === 'violation') return this.closeForViolation(client, verdict.violation);
      this.lastProblem = verdict.problem;
      if (verdict.kind === 'refused') this.refused = true;
      if (verdict.kind === 'client-closed') this.protocolClosed = true;
    });
    client.on('packetreceive', (packet: Packet) => {
      if (packet.cmd === 'connack') this.connackCode = (this.v5 ? packet.reasonCode : packet.returnCode) ?? 0;
      const violation = emptyTopicViolation(packet);
      if (violation) this.closeForViolation(client, violation);
    });
    client.on('disconnect', (packet: IDisconnectPacket) => {
      this.lastProblem = describeDisconnect(packet.reasonCode ?? 0, packet.properties?.reasonString);
    });
    client.on('message', (topic, payload, packet) => {
      // Only a PUBLISH refused above arrives without a topic: it is not a message.
      if (topic === '') return;
      const max = this.sink.maxPayloadBytes?.() ?? Infinity;
      const message = receivedMessage(topic, payload, packet, max);
      this.batcher.push(message);
      this.sink.onArrival?.(this.id, message);
    });
    client.on('packetsend', (packet: Packet) => this.onPacket(packet, 'out'));
    client.on('packetreceive', (packet: Packet) => this.onPacket(packet, 'in'));
    client.on('close', () => {
      this.onClosed();
      settle();
    });
  }

  /** Closes over a broken packet from the broker; the state follows from 'close'. */
  private closeForViolation(client: MqttClient, violation: WireViolation): void {
    if (this.protocolClosed) return;
    this.protocolClosed = true;
    this.lastProblem = describeViolation(violation, this.mqttVersion);
    const sent = closeForViolation(client, this.mqttVersion, violation);
    if (sent) this.onPacket(sent, 'out');
  }

  private onPacket(packet: Packet, direction: 'in' | 'out'): void {
    this.packets.record(packet, direction);
    this.inflight.onPacket(packet, direction);
    if (direction === 'out' && packet.cmd === 'publish' && !packet.dup && this.sink.onSent) {
      this.sink.onSent(this.id, () => sentMessage(packet));
    }
  }

  /** The stores mqtt.js resends from: the same objects at connect and at every reconnect. */
  private sessionStores() {
    return { incomingStore: this.inflight.incomingStore, outgoingStore: this.inflight.outgoingStore };
  }

  private attachPublishing(client: MqttClient): void {
    // 'packetreceive' comes before mqtt.js handles the CONNACK and resends its store.
    client.on('packetreceive', (packet: Packet) => {
      if (packet.cmd === 'connack' && (packet.reasonCode ?? packet.returnCode ?? 0) === 0) {
        this.inflight.onConnack(packet, this.options.clean);
      }
    });
    client.on('connect', () => this.inflight.onConnected());
    client.on('close', () => this.inflight.onSocketClosed());
  }

  async close(reason: EngineText = text('state.byYou')): Promise<ConnectionStatus> {
    const client = this.client;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    if (!client || this.isOver()) return this.current;
    this.closingReason = reason;
    this.inflight.onSocketClosed();
    if (this.current.state === 'connected') {
      // A graceful end waits for in-flight acks; a dead socket could make it wait forever.
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          // client.end(true) would be a no-op here: once end() has begun, mqtt.js only calls back.
          // Cut the socket ourselves, and answer what is still in flight instead of leaving it pending.
          this.inflight.failAll(
            text('publish.why.noAnswer', { ...nestText('reason', reason), seconds: CLOSE_GRACE_MS / 1000 }),
          );
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
    const { payload, options } = publishPacket(input, this.v5);
    if (input.qos === 0) {
      try {
        await client.publishAsync(input.topic, payload, options);
      } catch (error) {
        throw publishFailure(error);
      }
      return { outcome: text('publish.sentQos0') };
    }
    return this.inflight.submit({ topic: input.topic, qos: input.qos, payload }, (done) => {
      client.publish(input.topic, payload, options, (error) => done(error));
    });
  }

  /** Lab: destroy the socket without DISCONNECT, the way a crash or a lost network does. */
  async drop(): Promise<ConnectionStatus> {
    const client = this.requireConnected();
    this.closingReason = text('state.dropped');
    await this.untilClosed(() => client.stream.destroy());
    return this.current;
  }

  /** Lab: send nothing more, PINGREQ included, and let the broker time the client out. */
  stall(): ConnectionStatus {
    const client = this.requireConnected();
    this.stalled = true;
    client.keepaliveManager?.destroy();
    const limit = this.current.connack?.serverKeepalive ?? this.options.keepaliveSeconds;
    this.setState('connected', text('state.stalled', { seconds: limit * 1.5 }));
    return this.current;
  }

  /** Lab: MQTT 5 DISCONNECT with reason 0x04, a goodbye that still asks the broker for the will. */
  async disconnectWithWill(): Promise<ConnectionStatus> {
    const client = this.requireConnected();
    if (!this.v5) throw new EngineError('invalid-input', text('request.willNeedsV5'));
    this.closingReason = text('state.withWill');
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
    return this.inflight.list();
  }

  /** Gives up on every unanswered publish; their callers get "removed". */
  clearQueue(): number {
    return this.inflight.removeAll();
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
      throw new EngineError('not-connected', text('request.stalled'));
    }
    if (!this.client || this.current.state !== 'connected') {
      throw new EngineError(
        'not-connected',
        text('request.notConnected', { id: this.id, stateKey: stateKey(this.current.state) }),
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
    const outcome = closeOutcome({
      closingReason: this.closingReason,
      refused: this.refused,
      protocolClosed: this.protocolClosed,
      stalled: this.stalled,
      everConnected: this.everConnected,
      attempt: this.attempt,
      maxAttempts,
      periodMs,
      lastProblem: this.lastProblem,
    });
    if (outcome.kind === 'retry') {
      this.attempt = outcome.attempt;
      this.setState('reconnecting', outcome.reason, outcome.problem);
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        if (this.closingReason === null) this.client?.reconnect(this.sessionStores());
      }, periodMs);
      return;
    }
    this.setState(outcome.state, outcome.reason, outcome.problem);
    this.client?.end(true);
  }

  private setState(
    state: ConnectionState,
    reason: EngineText,
    problem?: Problem,
    connack?: ConnackInfo,
  ): void {
    const next: ConnectionStatus = {
      connectionId: this.id,
      state,
      reason,
      url: this.current.url,
      clientId: connack?.assignedClientId ?? this.current.clientId,
      protocolVersion: this.current.protocolVersion,
      keepaliveSeconds: this.current.keepaliveSeconds,
      ...(this.current.willTopic !== undefined && { willTopic: this.current.willTopic }),
      ...(this.profileId !== undefined && { profileId: this.profileId }),
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
      // Nothing will resend what is still unanswered: every publish request gets its answer now.
      this.inflight.failAll(text('publish.why.noReconnect', nestText('reason', reason)));
      for (const resolve of this.closedWaiters.splice(0)) resolve();
    }
  }
}
