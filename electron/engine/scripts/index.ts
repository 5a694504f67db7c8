import type {
  ConnectOptions,
  EngineEvent,
  RequestHandlers,
  Script,
  ScriptError,
  ScriptKind,
  ScriptRun,
} from '../../contract';
import type { ConnectionManager } from '../connection-manager';
import { EngineError } from '../errors';
import { text } from '../text/keys';
import { ScriptConsoles } from './console';
import { connectDevice } from './device-client';
import { wireMessage } from './marshal';
import { Runs, deviceKey, responderKey, type Run } from './runs';
import { ScriptStore } from './script-store';
import { transformSeries } from './series';
import { ScriptWorker, type WorkerSpec } from './worker-client';
import { scriptFailure } from './script-error';

export type { WorkerSpec } from './worker-client';

export type ScriptHandlers = Pick<RequestHandlers, Extract<keyof RequestHandlers, `scripts.${string}`>>;

export interface ScriptsRoomOptions {
  manager: ConnectionManager;
  dataDir: string | undefined;
  emit: (event: EngineEvent) => void;
  /** The built worker file; without it, scripts cannot run (they can still be saved). */
  worker: WorkerSpec | undefined;
  /** A profile's connect options with its secrets, for a device's own client. */
  connectOptions: ((profileId: string) => Promise<ConnectOptions>) | undefined;
}

export interface ScriptsRoom {
  handlers: ScriptHandlers;
  /** `messages.series` with a transform source (the engine routes it here). */
  series: RequestHandlers['messages.series'];
  dispose(): Promise<void>;
}

const MiB = 1024 * 1024;
/** The most of one payload a transform reads. */
const TRANSFORM_PAYLOAD_MAX = 4 * MiB;

function requireKind(script: Script, wanted: ScriptKind): void {
  if (script.options.kind !== wanted) {
    throw new EngineError(
      'invalid-input',
      text('scripts.wrongKind', { name: script.name, kind: script.options.kind, wanted }),
    );
  }
}

function freshRun(key: string, script: Script, connectionId?: string): Run {
  const kind = script.options.kind === 'device' ? 'device' : 'responder';
  return {
    key,
    script,
    handlers: [],
    window: { start: 0, count: 0 },
    queue: [],
    ratePerSecond: script.options.kind === 'responder' ? script.options.ratePerSecond : Infinity,
    ...(connectionId !== undefined && { connectionId }),
    status: {
      scriptId: script.id,
      kind,
      ...(connectionId !== undefined && { connectionId }),
      running: true,
      handled: 0,
      rateLimited: 0,
      connected: false,
      published: 0,
    },
  };
}

/** The `scripts.*` requests: saved scripts per profile, transforms, responders and devices. */
export function scriptsRoom(options: ScriptsRoomOptions): ScriptsRoom {
  const { manager } = options;
  const store = new ScriptStore(options.dataDir);
  const consoles = new ScriptConsoles(options.emit);
  let worker: ScriptWorker | null = null;
  const getWorker = (): ScriptWorker => {
    if (!options.worker) throw new EngineError('internal', text('scripts.notYet'));
    worker ??= new ScriptWorker(options.worker, {
      onOp: (run, op, json) => runs.op(run, op, json),
      onError: (run, error) => {
        const found = runs.byKey.get(run);
        if (found) runs.error(found, error);
      },
      onExit: (detail) => runs.onWorkerExit(detail),
    });
    return worker;
  };
  const runs = new Runs(manager, getWorker, consoles, options.emit);
  const stopStatus = manager.onEvent((event) => {
    if (event.name === 'connection.status') {
      const { state, connectionId } = event.payload;
      if (state === 'disconnected' || state === 'failed') runs.onConnectionEnded(connectionId);
    } else if (event.name === 'connection.removed') {
      runs.onConnectionEnded(event.payload.connectionId);
    }
  });

  /** Loads `run`'s script in the worker; a load error stops the run and is reported. */
  async function load(run: Run, env: Record<string, string>): Promise<ScriptRun> {
    const previous = runs.byKey.get(run.key);
    if (previous) runs.stop(previous, text('scripts.byYou'));
    runs.add(run);
    const error = await getWorker().load(run.key, run.script.source, env);
    if (error) {
      runs.error(run, error);
      return runs.stop(run, text('scripts.failedToLoad', { detail: error.message }));
    }
    runs.loaded(run);
    return { ...run.status };
  }

  async function startDevice(profileId: string, scriptId: string): Promise<ScriptRun> {
    const script = await store.get(profileId, scriptId);
    requireKind(script, 'device');
    if (script.options.kind !== 'device')
      throw new EngineError(
        'invalid-input',
        text('scripts.wrongKind', { name: script.name, kind: script.options.kind, wanted: 'device' }),
      );
    if (!options.connectOptions) throw new EngineError('internal', text('scripts.noDataDir'));
    getWorker();
    const key = deviceKey(script.id);
    const previous = runs.byKey.get(key);
    if (previous) runs.stop(previous, text('scripts.byYou'));
    const run = freshRun(key, script);
    let device;
    try {
      device = await connectDevice(
        await options.connectOptions(script.options.profileId),
        script.options.clientId,
      );
    } catch (error) {
      runs.add(run);
      const detail = error instanceof Error ? error.message : String(error);
      runs.error(run, { message: detail });
      return runs.stop(run, text('scripts.deviceLost', { detail }));
    }
    run.device = { client: device.client, v5: device.v5 };
    run.status = { ...run.status, connected: true };
    device.client.on('message', (topic, payload, packet) => {
      const p = packet.properties;
      runs.deliver(run, {
        topic,
        payload,
        qos: packet.qos,
        retain: packet.retain,
        ...(p && {
          properties: {
            ...(p.responseTopic !== undefined && { responseTopic: p.responseTopic }),
            ...(p.correlationData !== undefined && { correlationData: new Uint8Array(p.correlationData) }),
            ...(p.contentType !== undefined && { contentType: p.contentType }),
          },
        }),
      });
    });
    device.client.on('close', () => {
      if (run.status.running) runs.stop(run, text('scripts.deviceLost', { detail: 'closed' }));
    });
    return load(run, { clientId: device.clientId, profileId: script.options.profileId });
  }

  async function transformSource(profileId: string, scriptId: string): Promise<string> {
    const script = await store.get(profileId, scriptId);
    requireKind(script, 'transform');
    return script.source;
  }

  return {
    series: async ({ connectionId, topic, path, afterSeq, transform }) => {
      const stream = manager.streams.get(connectionId);
      if (!transform) return stream.series(topic, path, afterSeq);
      const source = await transformSource(transform.profileId, transform.scriptId);
      const worker = getWorker();
      return transformSeries(stream, (messages) => worker.transform(source, messages), {
        topic,
        path,
        afterSeq,
        payloadMax: TRANSFORM_PAYLOAD_MAX,
      });
    },
    handlers: {
      'scripts.list': ({ profileId }) => store.list(profileId),
      'scripts.save': ({ profileId, script }) => store.save(profileId, script),
      'scripts.delete': async ({ profileId, scriptId }) => {
        for (const run of [...runs.byKey.values()]) {
          if (run.script.id !== scriptId) continue;
          runs.stop(run, text('scripts.deleted'));
          runs.forget(run);
        }
        consoles.forget(scriptId);
        return store.remove(profileId, scriptId);
      },
      'scripts.transform': async (input) => {
        const source =
          'source' in input ? input.source : await transformSource(input.profileId, input.scriptId);
        const stream = manager.streams.get(input.connectionId);
        // A value for a pane or a chart: a payload beyond this is answered, not read.
        const early = new Map<number, ScriptError>();
        const messages = input.seqs.map((seq, i) => {
          try {
            const detail = stream.messageDetail(seq, TRANSFORM_PAYLOAD_MAX + 1);
            if (detail.payload.byteLength <= TRANSFORM_PAYLOAD_MAX) return wireMessage(detail);
            early.set(i, scriptFailure('scripts.error.payloadTooLarge', { mb: TRANSFORM_PAYLOAD_MAX / MiB }));
          } catch {
            early.set(i, scriptFailure('scripts.error.notKept', { seq }));
          }
          return null;
        });
        const outcome = await getWorker().transform(source, messages);
        return input.seqs.map((seq, i) => {
          const before = early.get(i);
          if (before) return { seq, ok: false as const, error: before };
          if (!Array.isArray(outcome)) return { seq, ok: false as const, error: outcome };
          const result = outcome[i];
          if (!result) return { seq, ok: false as const, error: scriptFailure('scripts.error.noAnswer') };
          if (!result.ok) return { seq, ok: false as const, error: result.error };
          return { seq, ok: true as const, value: JSON.parse(result.json) as never };
        });
      },
      'scripts.responder.start': async ({ profileId, scriptId, connectionId }) => {
        const script = await store.get(profileId, scriptId);
        requireKind(script, 'responder');
        const connection = manager.get(connectionId);
        getWorker();
        return load(freshRun(responderKey(script.id, connectionId), script, connection.id), { connectionId });
      },
      'scripts.responder.stop': async ({ scriptId, connectionId }) => {
        const run = runs.byKey.get(responderKey(scriptId, connectionId));
        if (!run) throw new EngineError('not-found', text('scripts.notRunning', { id: scriptId }));
        return runs.stop(run, text('scripts.byYou'));
      },
      'scripts.device.start': ({ profileId, scriptId }) => startDevice(profileId, scriptId),
      'scripts.device.stop': async ({ scriptId, abrupt }) => {
        const run = runs.byKey.get(deviceKey(scriptId));
        if (!run) throw new EngineError('not-found', text('scripts.notRunning', { id: scriptId }));
        return runs.stop(run, text('scripts.byYou'), abrupt);
      },
      'scripts.runs': async () => runs.list(),
      'scripts.console': async ({ scriptId, after }) => consoles.read(scriptId, after),
      'scripts.clearConsole': async ({ scriptId }) => ({ removed: consoles.clear(scriptId) }),
    },
    dispose: async () => {
      stopStatus();
      for (const run of runs.byKey.values()) runs.stop(run, text('scripts.shuttingDown'));
      runs.dispose();
      consoles.flush();
      await worker?.dispose();
    },
  };
}
