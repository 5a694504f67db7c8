import { randomBytes } from 'node:crypto';
import mqtt, { type IClientOptions, type IDisconnectPacket, type MqttClient } from 'mqtt';
import type {
  ConnectionState,
  ConnectionStatus,
  ParsedConnectOptions,
  Problem,
  PublishResult,
  Qos,
  ReceivedMessage,
  SubscribeResult,
} from '../contract';
import { EngineError, describeDisconnect, describeError } from './errors';
import { MessageBatcher } from './message-batcher';
import { messagePropertiesFromPacket } from './properties';

/** The skeleton speaks MQTT 5; choosing 3.1/3.1.1 arrives with the connection-engine work. */
const PROTOCOL_VERSION = 5;
/** How long a graceful close may wait for in-flight packets before the socket is cut. */
const CLOSE_GRACE_MS = 2000;

export interface ConnectionSink {
  onStatus(status: ConnectionStatus): void;
  onMessages(connectionId: string, messages: ReceivedMessage[]): void;
}

export function generateClientId(): string {
  return `mqscope_${randomBytes(4).toString('hex')}`;
}

export function brokerUrl(options: ParsedConnectOptions): string {
  const base = `${options.transport}://${options.host}:${options.port}`;
  return options.transport === 'ws' ? `${base}${options.path}` : base;
}

/**
 * One broker connection over mqtt.js, and the truth about its state.
 * No auto-reconnect yet: a lost connection says so instead of quietly retrying.
 */
export class MqttConnection {
  private client: MqttClient | null = null;
  private current: ConnectionStatus;
  private everConnected = false;
  /** Set when we close on purpose: the reason to report instead of "connection lost". */
  private closingReason: string | null = null;
  private lastProblem: Problem | undefined;
  private readonly batcher: MessageBatcher<ReceivedMessage>;

  constructor(
    readonly id: string,
    private readonly options: ParsedConnectOptions,
    private readonly sink: ConnectionSink,
  ) {
    const clientId = options.clientId || generateClientId();
    this.current = {
      connectionId: id,
      state: 'idle',
      reason: 'Not connected yet.',
      url: brokerUrl(options),
      clientId,
      since: Date.now(),
    };
    this.batcher = new MessageBatcher((messages) => this.sink.onMessages(this.id, messages));
  }

  get status(): ConnectionStatus {
    return this.current;
  }

  /** Resolves with the first outcome: connected, or failed with the reason. Never rejects. */
  open(): Promise<ConnectionStatus> {
    this.setState('connecting', `Connecting to ${this.current.url}…`);
    const { options } = this;
    const clientOptions: IClientOptions = {
      clientId: this.current.clientId,
      protocolVersion: PROTOCOL_VERSION,
      keepalive: options.keepaliveSeconds,
      connectTimeout: options.connectTimeoutMs,
      reconnectPeriod: 0,
      clean: true,
      // Refuse instead of queueing while offline: publish() already checks the state.
      queueQoSZero: false,
    };
    if (options.username !== undefined && options.username !== '') clientOptions.username = options.username;
    if (options.password !== undefined && options.password !== '') clientOptions.password = options.password;

    return new Promise((resolve) => {
      let settled = false;
      const settle = () => {
        if (settled) return;
        settled = true;
        resolve(this.current);
      };
      const client = mqtt.connect(this.current.url, clientOptions);
      this.client = client;

      client.on('connect', () => {
        this.everConnected = true;
        this.lastProblem = undefined;
        this.setState('connected', 'Connected.');
        settle();
      });
      // Every error is handled: an unhandled 'error' would crash the host process.
      client.on('error', (error) => {
        this.lastProblem =
          error.message === 'connack timeout'
            ? {
                code: 'CONNACK_TIMEOUT',
                message: `The broker did not accept the connection within ${options.connectTimeoutMs / 1000} s.`,
              }
            : describeError(error, PROTOCOL_VERSION);
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
      client.on('close', () => {
        this.onClosed();
        settle();
      });
    });
  }

  async close(reason = 'Disconnected by you.'): Promise<ConnectionStatus> {
    const client = this.client;
    if (!client || this.isOver()) return this.current;
    this.closingReason = reason;
    // A graceful end waits for in-flight acks; a dead socket could make it wait forever.
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        // client.end(true) would be a no-op here: once end() has begun, mqtt.js only calls back.
        // Cut the socket ourselves, and answer what is still in flight instead of leaving it pending.
        for (const id of Object.keys(client.outgoing)) client.removeOutgoingMessage(Number(id));
        client.stream.destroy();
        resolve();
      }, CLOSE_GRACE_MS);
      client.end(false, () => {
        clearTimeout(force);
        resolve();
      });
    });
    // 'close' may not fire when the socket never opened: settle the state here too.
    this.onClosed();
    return this.current;
  }

  async subscribe(filter: string, qos: Qos): Promise<SubscribeResult> {
    const client = this.requireConnected();
    const grants = await client.subscribeAsync(filter, { qos });
    const grant = grants[0];
    const code = grant?.qos ?? 0x80;
    return {
      filter,
      grantedQos: code === 0 || code === 1 || code === 2 ? code : null,
      reasonCode: code,
    };
  }

  async unsubscribe(filter: string): Promise<void> {
    await this.requireConnected().unsubscribeAsync(filter);
  }

  async publish(topic: string, payload: string, qos: Qos, retain: boolean): Promise<PublishResult> {
    const packet = await this.requireConnected().publishAsync(topic, payload, { qos, retain });
    return packet?.messageId === undefined ? {} : { messageId: packet.messageId };
  }

  private requireConnected(): MqttClient {
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
    if (this.isOver()) return;
    this.batcher.flush();
    if (this.closingReason !== null) {
      this.setState('disconnected', this.closingReason);
    } else if (!this.everConnected) {
      const problem = this.lastProblem ?? {
        code: 'CLOSED',
        message: 'The broker closed the connection before accepting it.',
      };
      this.setState('failed', 'Could not connect.', problem);
    } else {
      const problem = this.lastProblem ?? { code: 'CONNECTION_LOST', message: 'The connection was lost.' };
      this.setState('disconnected', 'Connection lost.', problem);
    }
    this.client?.end(true);
  }

  private setState(state: ConnectionState, reason: string, problem?: Problem): void {
    const next: ConnectionStatus = {
      connectionId: this.id,
      state,
      reason,
      url: this.current.url,
      clientId: this.current.clientId,
      since: Date.now(),
    };
    if (problem) next.problem = problem;
    this.current = next;
    this.sink.onStatus(next);
  }
}
