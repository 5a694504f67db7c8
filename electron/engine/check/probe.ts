/**
 * A helper connection for one check: a plain mqtt.js client whose every packet in and out is
 * recorded as the check's evidence ('packetsend' / 'packetreceive').
 *
 * Why raw mqtt.js and not the engine's MqttConnection: a check needs what a user connection
 * must never do (withhold acknowledgements, drop the socket, stop pinging, publish under a
 * topic alias it chose) and it must not show up in the user's connection list. The options
 * are still built by the engine's own buildClientOptions, so TLS and credentials behave the
 * same as in the app.
 */
import mqtt, {
  type IClientOptions,
  type IClientPublishOptions,
  type IClientSubscribeOptions,
  type IConnackPacket,
  type IDisconnectPacket,
  type IPublishPacket,
  type MqttClient,
  type Packet,
} from 'mqtt';
import { brokerUrl, buildClientOptions } from '../client-options';
import type { TextParams } from '../../contract';
import { hexCode, reasonCodeText, reasonNameKey } from '../errors';
import { CouldNotRun, type CheckContext } from './context';

/** How long any single wait for the broker may take. */
export const WAIT_MS = 4000;
const CONNECT_TIMEOUT_MS = 5000;

export interface Received {
  topic: string;
  payload: Buffer;
  packet: IPublishPacket;
  at: number;
}

export interface ProbeOptions {
  /** Names the helper in the evidence: "publisher", "subscriber", … */
  label: string;
  /** Empty string: ask the broker to assign one. */
  clientId?: string;
  clean?: boolean;
  keepalive?: number;
  will?: IClientOptions['will'];
  properties?: IClientOptions['properties'];
  /** Withhold acknowledgements: see mqtt.js customHandleAcks (MQTT 5 only). */
  customHandleAcks?: IClientOptions['customHandleAcks'];
}

/** "Not authorized (0x87)". */
export function describeCode(code: number | undefined): string {
  return reasonCodeText(code ?? 0);
}

/** A reason code for a keyed sentence's `{{reason}}`: the nested `reasonCode` key and its parameters. */
export function reasonParams(code: number | undefined): TextParams {
  return { reasonKey: 'reasonCode', nameKey: reasonNameKey(code ?? 0), hex: hexCode(code ?? 0) };
}

export async function mqttOptions(ctx: CheckContext, probe: ProbeOptions): Promise<IClientOptions> {
  const base = await buildClientOptions({ ...ctx.run.options, will: undefined }, probe.clientId ?? '');
  const options: IClientOptions = {
    ...base,
    protocolVersion: ctx.run.protocolVersion,
    protocolId: 'MQTT',
    clientId: probe.clientId ?? ctx.clientId(probe.label),
    clean: probe.clean ?? true,
    keepalive: probe.keepalive ?? 30,
    connectTimeout: CONNECT_TIMEOUT_MS,
    reconnectPeriod: 0,
    resubscribe: false,
  };
  delete options.will;
  delete options.properties;
  if (probe.will) options.will = probe.will;
  if (ctx.v5 && probe.properties) options.properties = probe.properties;
  if (ctx.v5 && probe.customHandleAcks) options.customHandleAcks = probe.customHandleAcks;
  return options;
}

export class Probe {
  readonly messages: Received[] = [];
  connack!: IConnackPacket;
  connectSentAt = 0;
  /** The last packet this client sent: where the broker's keepalive clock starts. */
  lastSentAt = 0;
  closedAt: number | null = null;
  /** A DISCONNECT the broker sent, if it said goodbye before closing. */
  serverDisconnect: IDisconnectPacket | null = null;
  /** Set when the check closes the connection itself, so the close is not "unexpected". */
  private closing = false;
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly ctx: CheckContext,
    readonly label: string,
    readonly client: MqttClient,
  ) {}

  /** Connects; a refused or failed connection becomes "could not run" with the reason. */
  static async open(ctx: CheckContext, options: ProbeOptions): Promise<Probe> {
    ctx.assertRunning();
    const mqttOpts = await mqttOptions(ctx, options);
    const client = mqtt.connect(brokerUrl(ctx.run.options), { ...mqttOpts, manualConnect: true });
    const probe = new Probe(ctx, options.label, client);
    client.on('packetsend', (packet: Packet) => {
      probe.lastSentAt = performance.now();
      if (packet.cmd === 'connect') probe.connectSentAt = probe.lastSentAt;
      ctx.record(options.label, packet, 'out');
    });
    client.on('packetreceive', (packet: Packet) => {
      ctx.record(options.label, packet, 'in');
      if (packet.cmd === 'disconnect') probe.serverDisconnect = packet;
      probe.wake();
    });
    client.on('message', (topic, payload, packet) => {
      probe.messages.push({ topic, payload, packet, at: performance.now() });
      probe.wake();
    });
    client.on('close', () => {
      probe.closedAt ??= performance.now();
      probe.wake();
    });
    // mqtt.js reports protocol errors as events; unheard, they would throw.
    client.on('error', () => undefined);
    ctx.onCleanup(() => probe.end());
    const connack = await new Promise<IConnackPacket | Error>((resolve) => {
      const timer = setTimeout(
        () => resolve(new Error(`no CONNACK within ${CONNECT_TIMEOUT_MS} ms`)),
        CONNECT_TIMEOUT_MS,
      );
      client.once('connect', (packet) => {
        clearTimeout(timer);
        resolve(packet);
      });
      client.once('error', (error) => {
        clearTimeout(timer);
        resolve(error);
      });
      client.once('close', () => {
        clearTimeout(timer);
        resolve(new Error('the connection closed before CONNACK'));
      });
      client.connect();
    });
    if (connack instanceof Error) {
      client.end(true);
      const code = (connack as Error & { code?: number }).code;
      const why = typeof code === 'number' ? describeCode(code) : connack.message;
      throw new CouldNotRun(`The broker refused the ${options.label} connection: ${why}.`);
    }
    probe.connack = connack;
    return probe;
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  get connected(): boolean {
    return this.closedAt === null;
  }

  /** Throws "could not run" when the broker closed this helper while the check relied on it. */
  private assertOpen(doing: string): void {
    if (this.closedAt === null || this.closing) return;
    const reason = this.serverDisconnect
      ? ` with DISCONNECT ${describeCode(this.serverDisconnect.reasonCode)}`
      : '';
    throw new CouldNotRun(`The broker closed the ${this.label} connection${reason} while ${doing}.`);
  }

  /** Resolves when `done()` holds, or with false after timeoutMs (or once the connection closed). */
  until(done: () => boolean, timeoutMs = WAIT_MS): Promise<boolean> {
    return new Promise((resolve) => {
      const check = () => {
        if (done()) finish(true);
        else if (this.closedAt !== null) finish(done());
      };
      const timer = setTimeout(() => finish(done()), timeoutMs);
      const finish = (value: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Messages received on `topic` so far. */
  on(topic: string): Received[] {
    return this.messages.filter((m) => m.topic === topic);
  }

  /** Waits until `count` messages arrived on `topic`; returns what arrived by then. */
  async receive(topic: string, count = 1, timeoutMs = WAIT_MS): Promise<Received[]> {
    await this.until(() => this.on(topic).length >= count, timeoutMs);
    this.assertOpen(`waiting for messages on ${topic}`);
    return this.on(topic);
  }

  async subscribe(
    filter: string | string[],
    options: IClientSubscribeOptions = { qos: 1 },
  ): Promise<number[]> {
    this.assertOpen(`subscribing`);
    return this.withTimeout(`SUBACK for ${String(filter)}`, (done) =>
      this.client.subscribe(filter, options, (error, granted) => {
        // mqtt.js reports a refused subscription as an error with the grants still given.
        if (error && !granted) return done(error);
        done(
          null,
          (granted ?? []).map((grant) => grant.qos),
        );
      }),
    );
  }

  async unsubscribe(filter: string): Promise<void> {
    await this.withTimeout(`UNSUBACK for ${filter}`, (done) =>
      this.client.unsubscribe(filter, (error) => done(error ?? null, undefined)),
    );
  }

  /**
   * Publishes and resolves once the QoS flow completed (at once for QoS 0). Counts against
   * the run's message bound. Resolves with the PUBACK/PUBREC reason code (0 for QoS 0).
   */
  async publish(
    topic: string,
    payload: string | Buffer,
    options: IClientPublishOptions = {},
  ): Promise<number> {
    this.assertOpen(`publishing`);
    this.ctx.spend(1);
    return this.withTimeout(`the acknowledgement of the PUBLISH on ${topic}`, (done) =>
      this.client.publish(topic, payload, options, (error, packet) => {
        const code = (packet as { reasonCode?: number } | undefined)?.reasonCode ?? 0;
        if (error && code < 0x80) return done(error);
        done(null, code);
      }),
    );
  }

  /**
   * Waits for an acknowledgement, bounded by WAIT_MS; a connection the broker closes
   * meanwhile ends the wait at once, with the broker's reason when it gave one.
   */
  private withTimeout<T>(
    what: string,
    start: (done: (error: Error | null, value?: T) => void) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.waiters.delete(onClose);
        outcome();
      };
      const onClose = () => {
        if (this.closedAt === null) return;
        const reason = this.serverDisconnect
          ? ` with DISCONNECT ${describeCode(this.serverDisconnect.reasonCode)}`
          : '';
        settle(() =>
          reject(
            new CouldNotRun(
              `The broker closed the ${this.label} connection${reason} while waiting for ${what}.`,
            ),
          ),
        );
      };
      const timer = setTimeout(
        () => settle(() => reject(new CouldNotRun(`Waited ${WAIT_MS} ms for ${what} in vain.`))),
        WAIT_MS,
      );
      this.waiters.add(onClose);
      start((error, value) =>
        settle(() => (error ? reject(new CouldNotRun(`${what}: ${error.message}`)) : resolve(value as T))),
      );
    });
  }

  /** A normal DISCONNECT (MQTT 5: with this reason code), then waits for the socket to close. */
  async end(reasonCode?: number, properties?: IDisconnectPacket['properties']): Promise<void> {
    if (this.closedAt !== null) return;
    this.closing = true;
    const options = reasonCode !== undefined || properties ? { reasonCode, properties } : {};
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.client.end(true);
        resolve();
      }, WAIT_MS);
      this.client.end(false, options, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Closes the socket without DISCONNECT, as a crash or a lost network does. */
  async drop(): Promise<number> {
    this.closing = true;
    const at = performance.now();
    this.client.stream.destroy();
    await this.until(() => this.closedAt !== null, WAIT_MS);
    this.client.end(true);
    return at;
  }

  /** Stops sending anything (PINGREQ included) so the broker's keepalive timer runs out. */
  stall(): void {
    this.closing = true;
    this.client.keepaliveManager?.destroy();
  }
}
