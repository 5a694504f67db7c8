/**
 * Running responders and devices: what each one is, where its publishes go, its counters,
 * and the batched `scripts.run` events. The scripts themselves run in the worker; this is
 * the engine's side of each run.
 */
import type { MqttClient } from 'mqtt';
import {
  mqttFilterMatches,
  type EngineEvent,
  type EngineText,
  type ReceivedMessage,
  type Script,
  type ScriptError,
  type ScriptRun,
} from '../../contract';
import type { ConnectionManager } from '../connection-manager';
import { text } from '../text/keys';
import type { ScriptConsoles } from './console';
import { FLUSH_MS } from './console';
import {
  clientProperties,
  parseLog,
  parseOn,
  parsePublish,
  parseSubscribe,
  wireMessage,
  type ScriptPublish,
} from './marshal';
import type { Delivery, ScriptOp } from './protocol';
import type { ScriptWorker } from './worker-client';
import { scriptFailure } from './script-error';

export interface Run {
  key: string;
  script: Script;
  status: ScriptRun;
  handlers: { filter: string; index: number }[];
  /** Responder: the connection it answers on. */
  connectionId?: string;
  /** Device: its own client. */
  device?: { client: MqttClient; v5: boolean };
  /** Responder: messages handled in the current one-second window. */
  window: { start: number; count: number };
  ratePerSecond: number;
  /** Messages waiting for the next hand-over to the worker (one postMessage per turn). */
  queue: Delivery[];
  /**
   * Responder: messages that arrived while its script was loading (its `on(...)` filters are
   * known only once it has run), offered to it when loading ends: none is lost in between.
   */
  loading?: ReceivedMessage[];
}

/** At most this many messages wait for a loading responder; later ones count as rate-limited. */
const MAX_WAITING_FOR_LOAD = 1_000;

export const responderKey = (scriptId: string, connectionId: string) => `r:${scriptId}:${connectionId}`;
export const deviceKey = (scriptId: string) => `d:${scriptId}`;

export class Runs {
  readonly byKey = new Map<string, Run>();
  /** Stopped runs stay listed (with why) until their script starts again or is deleted. */
  private readonly dirty = new Set<Run>();
  private timer: NodeJS.Timeout | null = null;
  private stopTraffic: (() => void) | null = null;
  private readonly waiting = new Set<Run>();
  private handOver: NodeJS.Immediate | null = null;

  constructor(
    private readonly manager: ConnectionManager,
    private readonly worker: () => ScriptWorker,
    private readonly consoles: ScriptConsoles,
    private readonly emit: (event: EngineEvent) => void,
  ) {}

  list(): ScriptRun[] {
    return [...this.byKey.values()].map((run) => ({ ...run.status }));
  }

  add(run: Run): void {
    if (run.connectionId !== undefined) run.loading = [];
    this.byKey.set(run.key, run);
    this.syncTap();
    this.changed(run, true);
  }

  /** Marks a run changed; `now` sends it at once (start/stop), otherwise in the next batch. */
  changed(run: Run, now = false): void {
    if (now) {
      this.dirty.delete(run);
      this.emit({ name: 'scripts.run', payload: { ...run.status } });
      return;
    }
    this.dirty.add(run);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const run of this.dirty) this.emit({ name: 'scripts.run', payload: { ...run.status } });
    this.dirty.clear();
  }

  /** Stops a run (unloads its script, ends a device's client); it stays listed as stopped. */
  stop(run: Run, why: EngineText, abrupt = false): ScriptRun {
    if (run.status.running) {
      run.status = { ...run.status, running: false, connected: false, stopped: why };
      this.worker().unload(run.key);
      const client = run.device?.client;
      if (client) {
        client.removeAllListeners('message');
        // Abrupt: the socket goes without DISCONNECT, so the broker publishes the will.
        if (abrupt) client.stream.destroy();
        client.end(abrupt);
      }
      this.syncTap();
      this.changed(run, true);
    }
    return { ...run.status };
  }

  forget(run: Run): void {
    this.byKey.delete(run.key);
    this.dirty.delete(run);
  }

  error(run: Run, error: ScriptError): void {
    run.status = { ...run.status, lastError: error };
    this.consoles.add(run.script.id, 'error', error.message, error.line, error.text);
    this.changed(run);
  }

  /** A script's request, from the worker. */
  op(key: string, op: ScriptOp, json: string): void {
    const run = this.byKey.get(key);
    if (!run || !run.status.running) return;
    if (op === 'log') {
      const line = parseLog(json);
      if (line) this.consoles.add(run.script.id, line.level, line.text);
    } else if (op === 'on') {
      const parsed = parseOn(json);
      if (parsed.ok) run.handlers.push(parsed.value);
      else this.error(run, parsed.error);
    } else if (op === 'subscribe') {
      const parsed = parseSubscribe(json);
      if (!parsed.ok) return this.error(run, parsed.error);
      if (!run.device) {
        return this.error(run, scriptFailure('scripts.error.devicesOnly'));
      }
      run.device.client.subscribe(parsed.value.filter, { qos: parsed.value.qos }, (error) => {
        if (error)
          this.error(
            run,
            scriptFailure('scripts.error.subscribeFailed', {
              filter: parsed.value.filter,
              detail: error.message,
            }),
          );
      });
    } else {
      const parsed = parsePublish(json);
      if (parsed.ok) this.publish(run, parsed.value);
      else this.error(run, parsed.error);
    }
  }

  private publish(run: Run, message: ScriptPublish): void {
    run.status = { ...run.status, published: run.status.published + 1 };
    this.changed(run);
    const fail = (error: unknown) =>
      this.error(
        run,
        scriptFailure('scripts.error.publishFailed', {
          topic: message.topic,
          detail: error instanceof Error ? error.message : String(error),
        }),
      );
    if (run.device) {
      const { client, v5 } = run.device;
      const { topic, payload, qos, retain, properties } = message;
      client.publish(
        topic,
        Buffer.from(payload),
        { qos, retain, ...(v5 && properties && { properties: clientProperties(properties) }) },
        (error) => error && fail(error),
      );
      return;
    }
    if (run.connectionId === undefined) return;
    const { topic, payload, qos, retain, properties } = message;
    try {
      this.manager
        .get(run.connectionId)
        .publish({
          connectionId: run.connectionId,
          topic,
          payload: { format: 'bytes', bytes: payload },
          qos,
          retain,
          ...(properties && { properties }),
        })
        .catch(fail);
    } catch (error) {
      fail(error);
    }
  }

  /** Hands a device's incoming message to its matching handlers. */
  deliver(run: Run, message: Parameters<typeof wireMessage>[0]): void {
    const handlers = run.handlers
      .filter((h) => mqttFilterMatches(h.filter, message.topic))
      .map((h) => h.index);
    if (handlers.length === 0) return;
    run.status = { ...run.status, handled: run.status.handled + 1 };
    this.changed(run);
    this.enqueue(run, { handlers, message: wireMessage(message) });
  }

  /** Queued, never posted inside an mqtt.js handler: the next turn hands each run's batch over. */
  private enqueue(run: Run, delivery: Delivery): void {
    run.queue.push(delivery);
    this.waiting.add(run);
    this.handOver ??= setImmediate(() => {
      this.handOver = null;
      for (const waiting of this.waiting) {
        const items = waiting.queue;
        waiting.queue = [];
        if (waiting.status.running && items.length > 0) this.worker().deliver(waiting.key, items);
      }
      this.waiting.clear();
    });
  }

  /**
   * Responders hear their connection's messages as they arrive (before the 50 ms batch),
   * through a tap held only while one runs: without a responder, the ingest path pays one
   * empty-set check per message.
   */
  private syncTap(): void {
    const any = [...this.byKey.values()].some((r) => r.status.running && r.connectionId !== undefined);
    if (any && !this.stopTraffic) {
      this.stopTraffic = this.manager.onArrival((connectionId, message) =>
        this.onIncoming(connectionId, message),
      );
    } else if (!any && this.stopTraffic) {
      this.stopTraffic();
      this.stopTraffic = null;
    }
  }

  private onIncoming(connectionId: string, message: ReceivedMessage): void {
    for (const run of this.byKey.values()) {
      if (run.connectionId !== connectionId || !run.status.running) continue;
      if (run.loading) {
        if (run.loading.length < MAX_WAITING_FOR_LOAD) run.loading.push(message);
        else {
          run.status = { ...run.status, rateLimited: run.status.rateLimited + 1 };
          this.changed(run);
        }
        continue;
      }
      this.offer(run, message);
    }
  }

  /** The responder's script has run: the messages that came meanwhile go to it now, in order. */
  loaded(run: Run): void {
    const waiting = run.loading ?? [];
    delete run.loading;
    if (!run.status.running) return;
    for (const message of waiting) this.offer(run, message);
  }

  private offer(run: Run, message: ReceivedMessage): void {
    const handlers = run.handlers
      .filter((h) => mqttFilterMatches(h.filter, message.topic))
      .map((h) => h.index);
    if (handlers.length === 0) return;
    const now = Date.now();
    if (now - run.window.start >= 1000) run.window = { start: now, count: 0 };
    if (run.window.count >= run.ratePerSecond) {
      run.status = { ...run.status, rateLimited: run.status.rateLimited + 1 };
    } else {
      run.window.count += 1;
      run.status = { ...run.status, handled: run.status.handled + 1 };
      this.enqueue(run, { handlers, message: wireMessage(message) });
    }
    this.changed(run);
  }

  /** A responder's connection ended (closed by the user, failed, removed). */
  onConnectionEnded(connectionId: string): void {
    for (const run of this.byKey.values()) {
      if (run.connectionId === connectionId && run.status.running)
        this.stop(run, text('scripts.connectionEnded'));
    }
  }

  /** The worker died: every script in it is gone. */
  onWorkerExit(detail: string): void {
    for (const run of this.byKey.values()) {
      if (!run.status.running) continue;
      this.consoles.add(run.script.id, 'error', `The script worker stopped (${detail}).`);
      run.status = {
        ...run.status,
        running: false,
        connected: false,
        stopped: text('scripts.workerDied', { detail }),
      };
      run.device?.client.end(true);
      this.changed(run, true);
    }
    this.syncTap();
  }

  dispose(): void {
    if (this.handOver) clearImmediate(this.handOver);
    this.handOver = null;
    this.flush();
    this.stopTraffic?.();
    this.stopTraffic = null;
  }
}
