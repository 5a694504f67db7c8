import { Store, type IConnackPacket, type MqttClient, type Packet } from 'mqtt';
import type { PublishResult, QueuedPublish } from '../../contract';
import { EngineError, errorDetail, hexCode, nestText, reasonNameKey } from '../errors';
import { SessionStore } from './session-store';
import { text, type EngineKey } from '../text/keys';
import type { EngineText } from '../../contract';

/** MQTT 5 §3.2.2.3.3: a CONNACK without Receive Maximum means 65,535. */
const NO_LIMIT = 65_535;
/**
 * MQTT 3.1/3.1.1 has no flow control, yet brokers have a window: Mosquitto (max_inflight_messages
 * 20) drops a 3.1.1 client's PUBLISH beyond it and still answers PUBACK/PUBREC, without a
 * reason code to tell. Staying within the common default loses nothing, at a small cost.
 */
const V3_WINDOW = 20;

/** Hands one PUBLISH to mqtt.js; `done` is mqtt.js's completion callback. */
export type SendPublish = (done: (error?: Error) => void) => void;

interface Entry {
  topic: string;
  qos: 1 | 2;
  /** The exact Buffer given to mqtt.js: how its PUBLISH is recognised in 'packetsend'. */
  payload: Buffer;
  queuedAt: number;
  sentAt?: number;
  messageId?: number;
  /** Reason code of the PUBACK/PUBCOMP (or failed PUBREC) that answered it. */
  reasonCode?: number;
  send: SendPublish;
  resolve: (result: PublishResult) => void;
  reject: (error: EngineError) => void;
}

/**
 * Every QoS 1/2 publish request from the moment it is made until it is answered: the one
 * table `publish.queue` shows, the flow-control gate (never more unacknowledged PUBLISHes
 * than the broker's Receive Maximum, MQTT 5 §4.9: the rest wait here, in order), and the
 * session state mqtt.js resends from after a reconnect (MQTT 3.1.1 / 5 §4.4). Each entry is
 * answered exactly once: by its PUBACK/PUBCOMP, a refusal, or a failure with the reason.
 */
export class InflightPublishes {
  /** Given to mqtt.js at connect and at every reconnect, so the session survives the socket. */
  readonly outgoingStore = new SessionStore();
  readonly incomingStore = new Store({ clean: false });
  /** Insertion order is request order: sent ones first, then those waiting. */
  private readonly waiting: Entry[] = [];
  private readonly inFlight = new Set<Entry>();
  private readonly byId = new Map<number, Entry>();
  /** Sent to mqtt.js, packet identifier not seen yet (mqtt.js may hold it back briefly). */
  private readonly unnumbered = new Map<Buffer, Entry>();
  private quota: number;
  private accepting = false;

  private readonly v5: boolean;

  constructor(
    /** mqtt.js protocolVersion: 3 (MQTT 3.1), 4 (3.1.1) or 5. */
    private readonly protocolVersion: number,
    private readonly client: () => MqttClient | null,
  ) {
    this.v5 = protocolVersion === 5;
    this.quota = this.v5 ? NO_LIMIT : V3_WINDOW;
  }

  /** Queues one publish; it goes out when the connection is up and the quota allows. */
  submit(meta: { topic: string; qos: 1 | 2; payload: Buffer }, send: SendPublish): Promise<PublishResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ...meta, queuedAt: Date.now(), send, resolve, reject });
      this.pump();
    });
  }

  /**
   * A CONNACK that accepted the connection. Without the session (session present 0, or a
   * clean start) the broker forgot these packet identifiers: resending would make new
   * messages, so each in-flight one fails with what is known about it (§3.2.2.2: the client
   * discards its session state).
   */
  onConnack(packet: IConnackPacket, clean: boolean): void {
    this.quota = this.v5 ? (packet.properties?.receiveMaximum ?? NO_LIMIT) : V3_WINDOW;
    if (clean) {
      this.failInFlight(text('publish.why.cleanSession'));
    } else if (this.protocolVersion >= 4 && !packet.sessionPresent) {
      // (MQTT 3.1's CONNACK has no session-present flag: a clean=0 session is kept by definition.)
      this.failInFlight(text('publish.why.sessionLost'));
    }
  }

  /** CONNACK handled and the resends done: new messages may go. */
  onConnected(): void {
    this.accepting = true;
    this.pump();
  }

  /** The socket closed; what is in flight stays for the resend, if a reconnect comes. */
  onSocketClosed(): void {
    this.accepting = false;
  }

  onPacket(packet: Packet, direction: 'in' | 'out'): void {
    if (direction === 'out' && packet.cmd === 'publish' && packet.qos > 0 && !packet.dup) {
      const entry = Buffer.isBuffer(packet.payload) ? this.unnumbered.get(packet.payload) : undefined;
      if (entry && packet.messageId !== undefined) {
        this.unnumbered.delete(entry.payload);
        entry.messageId = packet.messageId;
        this.byId.set(packet.messageId, entry);
      }
    } else if (
      direction === 'in' &&
      (packet.cmd === 'puback' || packet.cmd === 'pubcomp' || packet.cmd === 'pubrec')
    ) {
      const entry = packet.messageId === undefined ? undefined : this.byId.get(packet.messageId);
      if (entry) entry.reasonCode = packet.reasonCode ?? 0;
    }
  }

  /**
   * The connection is over and nothing will resend: answers every request with the reason.
   * `why` completes "…: the message was not sent/confirmed".
   */
  failAll(why: EngineText): number {
    this.accepting = false;
    return this.answerAll(why, 'not-connected');
  }

  /** "Clear queue": gives up on every unanswered publish; the connection carries on. */
  removeAll(): number {
    return this.answerAll(text('publish.why.removed'), 'mqtt-error');
  }

  /** In flight: its fate is a protocol outcome (mqtt-error); never sent: `notSentCode`. */
  private answerAll(why: EngineText, notSentCode: 'not-connected' | 'mqtt-error'): number {
    const count = this.inFlight.size + this.waiting.length;
    this.failInFlight(why);
    for (const entry of this.waiting.splice(0)) {
      entry.reject(new EngineError(notSentCode, text('publish.notSent', nestText('why', why))));
    }
    return count;
  }

  list(): QueuedPublish[] {
    const row = (entry: Entry, state: QueuedPublish['state']): QueuedPublish => ({
      ...(entry.messageId !== undefined && { messageId: entry.messageId }),
      topic: entry.topic,
      qos: entry.qos,
      size: entry.payload.length,
      state,
      ...(entry.messageId !== undefined &&
        this.outgoingStore.released(entry.messageId) && { released: true }),
      queuedAt: entry.queuedAt,
      ...(entry.sentAt !== undefined && { sentAt: entry.sentAt }),
    });
    return [
      ...[...this.inFlight].map((entry) => row(entry, 'inFlight')),
      ...this.waiting.map((entry) => row(entry, this.accepting ? 'waitingForQuota' : 'waitingForReconnect')),
    ];
  }

  private pump(): void {
    while (this.accepting && this.inFlight.size < this.quota) {
      const entry = this.waiting.shift();
      if (!entry) return;
      this.start(entry);
    }
  }

  private start(entry: Entry): void {
    entry.sentAt = Date.now();
    this.inFlight.add(entry);
    this.unnumbered.set(entry.payload, entry);
    entry.send((error) => this.complete(entry, error));
  }

  private complete(entry: Entry, error?: Error): void {
    // Already answered (failed when the session or the connection went): mqtt.js is late.
    if (!this.finish(entry)) return;
    if (error) {
      entry.reject(publishFailure(error));
    } else if (entry.messageId === undefined) {
      entry.reject(new EngineError('internal', text('publish.neverNumbered')));
    } else {
      const reasonCode = entry.reasonCode ?? 0;
      const ack = entry.qos === 1 ? 'PUBACK' : 'PUBCOMP';
      const outcome = this.v5
        ? text('publish.ackedReason', { ack, nameKey: reasonNameKey(reasonCode), hex: hexCode(reasonCode) })
        : text('publish.acked', { ack });
      entry.resolve({ messageId: entry.messageId, reasonCode, outcome });
    }
    this.pump();
  }

  /** Takes an in-flight entry out of every table; false if it was already answered. */
  private finish(entry: Entry): boolean {
    if (!this.inFlight.delete(entry)) return false;
    this.unnumbered.delete(entry.payload);
    if (entry.messageId !== undefined) this.byId.delete(entry.messageId);
    return true;
  }

  private failInFlight(why: EngineText): void {
    const client = this.client();
    for (const entry of [...this.inFlight]) {
      this.finish(entry);
      const id = entry.messageId;
      const released = id !== undefined && this.outgoingStore.released(id);
      if (id !== undefined) {
        // mqtt.js would otherwise resend it, or answer it later; its "removed" callback comes
        // back to complete(), which ignores an entry already answered.
        client?.removeOutgoingMessage(id);
        this.outgoingStore.discard(id);
      }
      entry.reject(
        new EngineError('mqtt-error', text(unconfirmed(entry.qos, released), nestText('why', why))),
      );
    }
    this.unnumbered.clear();
  }
}

/** What is known about a message whose acknowledgement will never come. */
function unconfirmed(qos: 1 | 2, released: boolean): EngineKey {
  if (qos === 1) return 'publish.notConfirmedQos1';
  if (!released) return 'publish.notConfirmedQos2';
  return 'publish.notCompleted';
}

/** A publish the broker or mqtt.js refused, in words. */
export function publishFailure(error: unknown): EngineError {
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e.code === 'number') {
    return new EngineError(
      'mqtt-error',
      text('publish.refused', { nameKey: reasonNameKey(e.code), hex: hexCode(e.code) }),
    );
  }
  if (e.message === 'Message removed') {
    return new EngineError('mqtt-error', text('publish.removed'));
  }
  if (e.message === 'client disconnecting' || e.message === 'Connection closed') {
    return new EngineError('not-connected', text('publish.closedBeforeAck'));
  }
  return new EngineError('mqtt-error', text('publish.failed', { detail: errorDetail(error) }));
}
