/**
 * A helper that speaks MQTT packet by packet (mqtt-packet over TCP or TLS), for what a
 * well-behaved client library will not do: keep PUBACKs back while more PUBLISHes arrive
 * (mqtt.js stops reading until a message is acknowledged), send a topic alias beyond the
 * broker's maximum, or send a packet larger than the broker allows.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import mqttPacket, {
  type IConnackPacket,
  type IConnectPacket,
  type IPublishPacket,
  type Packet,
} from 'mqtt-packet';
import { buildClientOptions } from '../client-options';
import { CouldNotRun, type CheckContext } from './context';
import { WAIT_MS, describeCode } from './probe';

export class RawProbe {
  readonly received: Packet[] = [];
  closedAt: number | null = null;
  connack!: IConnackPacket;
  private nextId = 1;
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly ctx: CheckContext,
    readonly label: string,
    private readonly socket: Socket,
  ) {}

  static async open(
    ctx: CheckContext,
    label: string,
    properties: IConnectPacket['properties'] = {},
  ): Promise<RawProbe> {
    ctx.assertRunning();
    const options = ctx.run.options;
    if (options.transport !== 'mqtt' && options.transport !== 'mqtts') {
      throw new CouldNotRun('This check speaks raw MQTT over TCP or TLS; the profile uses WebSocket.');
    }
    const base = await buildClientOptions({ ...options, will: undefined }, '');
    const socket =
      options.transport === 'mqtts'
        ? tlsConnect({
            host: options.host,
            port: options.port,
            ...(base.ca !== undefined && { ca: base.ca as string }),
            ...(base.cert !== undefined && { cert: base.cert as string }),
            ...(base.key !== undefined && { key: base.key as string }),
            rejectUnauthorized: base.rejectUnauthorized ?? true,
            servername: base.servername ?? options.host,
          })
        : netConnect({ host: options.host, port: options.port });
    const probe = new RawProbe(ctx, label, socket);
    ctx.onCleanup(async () => probe.close());
    const parser = mqttPacket.parser({ protocolVersion: ctx.run.protocolVersion });
    parser.on('packet', (packet: Packet) => {
      ctx.record(label, packet, 'in');
      probe.received.push(packet);
      probe.wake();
    });
    parser.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => parser.parse(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      probe.closedAt ??= performance.now();
      probe.wake();
    });
    probe.send({
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: ctx.run.protocolVersion,
      clientId: ctx.clientId(label),
      clean: true,
      keepalive: 30,
      ...(options.username && { username: options.username }),
      ...(options.password && { password: Buffer.from(options.password) }),
      ...(ctx.v5 && { properties }),
    });
    const connack = await probe.next((p) => p.cmd === 'connack');
    if (!connack) throw new CouldNotRun(`The ${label} connection got no CONNACK.`);
    const code = (connack as IConnackPacket).reasonCode ?? (connack as IConnackPacket).returnCode ?? 0;
    if (code !== 0)
      throw new CouldNotRun(`The broker refused the ${label} connection: ${describeCode(code)}.`);
    probe.connack = connack as IConnackPacket;
    return probe;
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  send(packet: Packet): void {
    if (packet.cmd === 'publish') this.ctx.spend(1);
    this.ctx.record(this.label, packet, 'out');
    this.socket.write(mqttPacket.generate(packet, { protocolVersion: this.ctx.run.protocolVersion }));
  }

  /** Publishes with a fresh packet id (QoS > 0); returns the id. */
  publish(
    packet: Omit<IPublishPacket, 'cmd' | 'dup' | 'retain' | 'messageId'> & { retain?: boolean },
  ): number {
    const messageId = this.nextId++;
    this.send({ cmd: 'publish', dup: false, retain: false, ...packet, messageId });
    return messageId;
  }

  /** The first packet received (so far or within the wait) that matches; null otherwise. */
  async next(match: (packet: Packet) => boolean, timeoutMs = WAIT_MS): Promise<Packet | null> {
    await this.until(() => this.received.some(match), timeoutMs);
    return this.received.find(match) ?? null;
  }

  until(done: () => boolean, timeoutMs = WAIT_MS): Promise<boolean> {
    return new Promise((resolve) => {
      const check = () => {
        if (done() || this.closedAt !== null) finish(done());
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

  publishes(topic: string): IPublishPacket[] {
    return this.received.filter((p): p is IPublishPacket => p.cmd === 'publish' && p.topic === topic);
  }

  /** The broker's DISCONNECT, if it sent one. */
  get serverDisconnect(): (Packet & { reasonCode?: number }) | undefined {
    return this.received.find((p) => p.cmd === 'disconnect') as
      (Packet & { reasonCode?: number }) | undefined;
  }

  close(): void {
    if (this.closedAt !== null) return;
    try {
      this.send({ cmd: 'disconnect' });
    } finally {
      this.socket.end();
      setTimeout(() => this.socket.destroy(), 500).unref();
    }
  }
}
