import type { Socket } from 'node:net';
import type { Aedes, AuthenticateError, Client } from 'aedes';
import type { AedesMemoryPersistence } from 'aedes-persistence';
import {
  LOCAL_BROKER_PAYLOAD_PREVIEW_BYTES,
  LOCAL_BROKER_RETAINED_LIMIT,
  type EngineEvent,
  type LocalBrokerActivity,
  type LocalBrokerClient,
  type LocalBrokerRetained,
  type LocalBrokerRetainedList,
  type LocalBrokerState,
  type LocalBrokerStatus,
  type ParsedLocalBrokerOptions,
  type Problem,
} from '../../contract';
import { text } from '../text/keys';
import { EngineError } from '../errors';
import { ClientRegistry } from './client-registry';
import { credentialsMatch } from './credentials';
import { ListenError, openListeners, type Listeners } from './listeners';
import { findMosquitto, launchMosquitto, type MosquittoProcess } from './mosquitto-process';
import { nextFreePort } from './ports';
import { TrafficCounters } from './traffic';
import { authorizePublish } from './will-filter';

export type LocalBrokerListener = (event: EngineEvent) => void;

const LOOPBACK = '127.0.0.1';
const ALL_INTERFACES = '0.0.0.0';
/** aedes 2 speaks both; MQScope's engine connects with MQTT 5. */
const PROTOCOL_VERSIONS = ['3.1.1', '5'];
/** Counters reach the UI at most this often, however busy the broker is. */
const ACTIVITY_INTERVAL_MS = 500;
/** How long stop() lets clients take their DISCONNECT before their sockets are cut. */
const STOP_GRACE_MS = 1000;
/** MQTT 5 reason code "Server shutting down" (§2.4). */
const SERVER_SHUTTING_DOWN = 0x8b;
/** What MQTT 5 clients read in the DISCONNECT's reason string when the user stops the broker. */
export const STOP_REASON = 'Disconnected by local broker stop.';
/** MQTT 3.1.1 CONNACK return code "bad user name or password". */
const BAD_CREDENTIALS = 4;

interface Running {
  broker: Aedes;
  persistence: AedesMemoryPersistence;
  listeners: Listeners;
  registry: ClientRegistry;
  traffic: TrafficCounters;
  activityTimer: ReturnType<typeof setInterval>;
  retainedRevision: number;
}

/**
 * MQScope's own MQTT broker (aedes), for a user without one and as a sandbox to point a
 * device or front end at. Off until started; loopback only unless asked otherwise.
 * Emits its status on every transition and its traffic in batches, never per message.
 */
export class LocalBroker {
  private readonly listeners = new Set<LocalBrokerListener>();
  private running: Running | null = null;
  /** Set instead of `running` while the machine's Mosquitto is the local broker. */
  private mosquitto: MosquittoProcess | null = null;
  private current: LocalBrokerStatus = {
    state: 'stopped',
    authRequired: false,
    protocolVersions: PROTOCOL_VERSIONS,
    mosquittoAvailable: findMosquitto() !== null,
    since: Date.now(),
  };
  private lastActivity = '';
  /** Serialises start and stop, so a double click cannot race two brokers. */
  private queue: Promise<unknown> = Promise.resolve();

  onEvent(listener: LocalBrokerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get status(): LocalBrokerStatus {
    return this.current;
  }

  /** The status with the counters as they are now, for a window that just opened. */
  statusWithActivity(): LocalBrokerStatus {
    return this.running ? { ...this.current, activity: this.activity(this.running) } : this.current;
  }

  start(options: ParsedLocalBrokerOptions): Promise<LocalBrokerStatus> {
    return this.serially(() => this.doStart(options));
  }

  stop(): Promise<LocalBrokerStatus> {
    return this.serially(() => this.doStop());
  }

  /** Mosquitto's log lines while it runs as the local broker. */
  log(): { lines: string[] } {
    return { lines: this.mosquitto?.log() ?? [] };
  }

  clients(): LocalBrokerClient[] {
    return this.running?.registry.list() ?? [];
  }

  async retained(): Promise<LocalBrokerRetainedList> {
    if (!this.running) return { messages: [], total: 0 };
    const messages: LocalBrokerRetained[] = [];
    for await (const packet of this.running.persistence.createRetainedStream(
      '#',
    ) as AsyncIterable<RetainedPacket>) {
      const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
      messages.push({
        topic: packet.topic,
        qos: packet.qos,
        size: payload.length,
        // A copy: the stored Buffer must not travel (or be kept) by reference.
        preview: new Uint8Array(payload.subarray(0, LOCAL_BROKER_PAYLOAD_PREVIEW_BYTES)),
      });
    }
    messages.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
    return { messages: messages.slice(0, LOCAL_BROKER_RETAINED_LIMIT), total: messages.length };
  }

  /** Clears a retained message as a client would: subscribers see the empty retained PUBLISH. */
  async deleteRetained(topic: string): Promise<{ topic: string }> {
    if (this.mosquitto) {
      throw new EngineError('invalid-input', text('localBroker.clearOnMosquitto'));
    }
    const broker = this.running?.broker;
    if (!broker) throw new EngineError('not-found', text('localBroker.notRunning'));
    await new Promise<void>((resolve, reject) =>
      broker.publish(
        { cmd: 'publish', topic, payload: Buffer.alloc(0), qos: 0, retain: true, dup: false },
        (error) => (error ? reject(error) : resolve()),
      ),
    );
    return { topic };
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async doStart(options: ParsedLocalBrokerOptions): Promise<LocalBrokerStatus> {
    if (this.running || this.mosquitto) return this.current;
    if (options.engine === 'mosquitto') return this.doStartMosquitto(options);
    const bindAddress = options.bindAllInterfaces ? ALL_INTERFACES : LOOPBACK;
    const listenerFacts = {
      bindAddress,
      tcpPort: options.tcpPort,
      wsPort: options.wsPort,
      wsPath: options.wsPath,
    };
    const auth = options.username === undefined ? {} : { username: options.username };
    this.setStatus('starting', { listeners: listenerFacts, authRequired: !!options.username, ...auth });

    const registry = new ClientRegistry();
    const traffic = new TrafficCounters();
    // Loaded when a broker starts, not with the host: most sessions never start one.
    const [aedes, { default: aedesMemoryPersistence }] = await Promise.all([
      import('aedes'),
      import('aedes-persistence'),
    ]);
    const persistence = aedesMemoryPersistence();
    const broker = await aedes.Aedes.createBroker({
      persistence,
      preConnect: (client, packet, done) => {
        registry.noteConnect(client, packet);
        done(null, true);
      },
      authenticate: (_client, username, password, done) => {
        if (credentialsMatch(options, username, password)) return done(null, true);
        const error = new Error('Bad user name or password.') as AuthenticateError;
        error.returnCode = BAD_CREDENTIALS;
        done(error, false);
      },
      authorizePublish,
      authorizeForward: (_client, packet) => {
        traffic.messagesOut++;
        return packet;
      },
    });
    const running: Running = {
      broker,
      persistence,
      registry,
      traffic,
      listeners: { close: async () => undefined },
      activityTimer: setInterval(() => this.emitActivity(), ACTIVITY_INTERVAL_MS),
      retainedRevision: 0,
    };
    running.activityTimer.unref();
    broker.on('clientReady', (client) => registry.add(client));
    broker.on('clientDisconnect', (client) => registry.remove(client));
    broker.on('publish', (packet, client) => {
      if (client) traffic.messagesIn++;
      if (packet.retain && !packet.topic.startsWith('$SYS/')) running.retainedRevision++;
    });
    // aedes reports client and connection errors as events; unheard, they would throw.
    broker.on('clientError', () => undefined);
    broker.on('connectionError', () => undefined);

    try {
      running.listeners = await openListeners({
        ...listenerFacts,
        handle: (stream, request) => broker.handle(stream, request),
        onSocket: (socket: Socket) => traffic.track(socket),
      });
    } catch (error) {
      clearInterval(running.activityTimer);
      await closeBroker(broker);
      return this.failStart(error, options, bindAddress);
    }
    this.running = running;
    this.lastActivity = '';
    this.setStatus('running', { listeners: listenerFacts, authRequired: !!options.username, ...auth });
    this.emitActivity();
    return this.current;
  }

  private async doStartMosquitto(options: ParsedLocalBrokerOptions): Promise<LocalBrokerStatus> {
    const bindAddress = options.bindAllInterfaces ? ALL_INTERFACES : LOOPBACK;
    const listeners = {
      bindAddress,
      tcpPort: options.tcpPort,
      wsPort: options.wsPort,
      wsPath: options.wsPath,
    };
    const auth = options.username === undefined ? {} : { username: options.username };
    const facts = { listeners, authRequired: !!options.username, engine: 'mosquitto' as const, ...auth };
    if (!findMosquitto()) {
      this.setStatus('failed', {
        problem: { code: 'ENOENT', ...text('localBroker.mosquittoMissing') },
      });
      return this.current;
    }
    this.setStatus('starting', facts);
    try {
      const started = await launchMosquitto(options, bindAddress);
      this.mosquitto = started;
      started.onExit((why) => {
        if (this.mosquitto !== started) return;
        this.mosquitto = null;
        void started.stop();
        this.setStatus('failed', {
          problem: { code: 'EXITED', ...text('localBroker.mosquittoExited', { why }) },
        });
      });
    } catch (error) {
      return this.failStart(error, options, bindAddress);
    }
    this.setStatus('running', facts);
    return this.current;
  }

  private async doStop(): Promise<LocalBrokerStatus> {
    const mosquitto = this.mosquitto;
    if (mosquitto) {
      this.setStatus('stopping', { ...this.facts(), engine: 'mosquitto' });
      this.mosquitto = null;
      await mosquitto.stop();
      this.setStatus('stopped', {});
      return this.current;
    }
    const running = this.running;
    if (!running) {
      if (this.current.state === 'failed') this.setStatus('stopped', {});
      return this.current;
    }
    const { listeners, authRequired, username } = this.current;
    this.setStatus('stopping', {
      authRequired,
      ...(listeners ? { listeners } : {}),
      ...(username ? { username } : {}),
    });
    clearInterval(running.activityTimer);

    // MQTT 5 clients get DISCONNECT 0x8B with a reason they can show; 3.1.1 clients,
    // which have no server DISCONNECT, see their socket closed.
    await withinGrace(
      Promise.all(
        running.registry
          .live()
          .map(
            (client: Client) =>
              new Promise<void>((resolve) =>
                client.disconnect(
                  { reasonCode: SERVER_SHUTTING_DOWN, properties: { reasonString: STOP_REASON } },
                  () => resolve(),
                ),
              ),
          ),
      ),
    );
    await withinGrace(closeBroker(running.broker));
    // Whatever is still open (a socket that never sent CONNECT, a client that ignored the
    // DISCONNECT) is cut, or the listeners would wait for it forever.
    for (const socket of running.traffic.openSockets()) socket.destroy();
    await running.listeners.close();
    running.registry.clear();
    this.running = null;
    this.emitActivity(running);
    this.setStatus('stopped', {});
    return this.current;
  }

  private async failStart(
    error: unknown,
    options: ParsedLocalBrokerOptions,
    bindAddress: string,
  ): Promise<LocalBrokerStatus> {
    if (error instanceof ListenError && error.errno === 'EADDRINUSE') {
      const tcpPort =
        error.listener === 'tcp'
          ? await nextFreePort(options.tcpPort, bindAddress, [options.wsPort])
          : options.tcpPort;
      const wsPort =
        error.listener === 'ws'
          ? await nextFreePort(options.wsPort, bindAddress, [options.tcpPort])
          : options.wsPort;
      const listener = error.listener === 'tcp' ? 'TCP' : 'WebSocket';
      const free = error.listener === 'tcp' ? tcpPort : wsPort;
      const problem: Problem = {
        code: 'EADDRINUSE',
        ...(free === null
          ? text('localBroker.portInUseNoFree', { port: error.port, listener })
          : text('localBroker.portInUseFree', { port: error.port, listener, free })),
      };
      const suggestedPorts = tcpPort !== null && wsPort !== null ? { tcpPort, wsPort } : undefined;
      this.setStatus('failed', { problem, ...(suggestedPorts ? { suggestedPorts } : {}) });
      return this.current;
    }
    if (error instanceof ListenError && error.errno === 'EACCES') {
      this.setStatus('failed', {
        problem: { code: 'EACCES', ...text('localBroker.accessDenied', { port: error.port }) },
      });
      return this.current;
    }
    const detail = error instanceof Error ? error.message : String(error);
    this.setStatus('failed', {
      problem: { code: 'ERROR', ...text('localBroker.couldNotStart', { detail }) },
    });
    return this.current;
  }

  /** The listeners and credentials of the current status, for the next transition. */
  private facts(): Partial<LocalBrokerStatus> {
    const { listeners, authRequired, username } = this.current;
    return { authRequired, ...(listeners ? { listeners } : {}), ...(username ? { username } : {}) };
  }

  private setStatus(state: LocalBrokerState, rest: Partial<Omit<LocalBrokerStatus, 'state'>>): void {
    this.current = {
      state,
      authRequired: false,
      protocolVersions: PROTOCOL_VERSIONS,
      mosquittoAvailable: findMosquitto() !== null,
      ...rest,
      since: Date.now(),
    };
    this.emit({ name: 'localBroker.status', payload: this.current });
  }

  /** Sends the counters when they changed since the last push (and once on start and stop). */
  private emitActivity(running: Running | null = this.running): void {
    if (!running) return;
    const payload = this.activity(running);
    const key = JSON.stringify(payload);
    if (key === this.lastActivity) return;
    this.lastActivity = key;
    this.emit({ name: 'localBroker.activity', payload });
  }

  private activity(running: Running): LocalBrokerActivity {
    return {
      messagesIn: running.traffic.messagesIn,
      messagesOut: running.traffic.messagesOut,
      ...running.traffic.bytes(),
      clientCount: running.registry.size,
      clientsRevision: running.registry.revision,
      retainedRevision: running.retainedRevision,
    };
  }

  private emit(event: EngineEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        /* one faulty listener must not starve the others */
      }
    }
  }
}

interface RetainedPacket {
  topic: string;
  payload: Buffer | string;
  qos: 0 | 1 | 2;
}

function closeBroker(broker: Aedes): Promise<void> {
  return new Promise((resolve) => broker.close(() => resolve()));
}

async function withinGrace(work: Promise<unknown>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)))]);
  clearTimeout(timer);
}
