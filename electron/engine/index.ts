import type { EngineText } from '../contract';
import { text } from './text/keys';
import { EngineError } from './errors';
import type { AppInfo, RequestHandlers } from '../contract';
import { checkHandlers } from './check/handlers';
import { ConnectionManager, type EngineListener, type TrafficListener } from './connection-manager';
import { HistoryStore, historyHandlers } from './history';
import { labHistoryKind } from './lab/lab-history';
import { brokerUrl } from './client-options';
import { WillLab } from './lab/will-lab';
import { LocalBroker } from './local-broker';
import { PayloadCodecs } from './codecs/payload-codecs';
import { PresetStore } from './presets/preset-store';
import { PublishRepeater } from './publish/repeater';
import {
  FileKeySecretBox,
  ProfileStore,
  noProfileHandlers,
  profileHandlers,
  type SecretBox,
} from './profiles';
import { recordRoom } from './record';
import { scriptsRoom, type WorkerSpec } from './scripts';
import { SettingsStore } from './settings/settings-store';
import { decodedValueHandlers } from './sparkplug/decoded-handlers';
import { streamHandlers } from './stream/handlers';
import { ProfileLinks } from './workspace/profile-links';
import { chartLayoutHandlers } from './workspace/chart-layouts';

export { ConnectionManager } from './connection-manager';
export { EngineError } from './errors';
export { FileKeySecretBox, ProfileStore, type SecretBox } from './profiles';

export interface EngineOptions {
  /**
   * Where profiles (and the web host's secret key) and publish presets live; without it,
   * profiles cannot be kept and presets stay in memory.
   */
  dataDir?: string;
  /** How secrets are sealed; the web host's file-key box in dataDir when left out. */
  secretBox?: SecretBox;
  /** The built script worker (a file beside the host's bundle); without it scripts do not run. */
  scriptsWorker?: WorkerSpec;
}

export interface Engine {
  handlers: RequestHandlers;
  onEvent(listener: EngineListener): () => void;
  /** Every message each connection receives and sends, as it passes (the desktop's topic notifications). */
  onTraffic(listener: TrafficListener): () => void;
  /** Disconnects every running connection with `reason` (the web host's orphan policy). */
  closeRunning(reason: EngineText): Promise<number>;
  dispose(): Promise<void>;
}

/** The engine behind both hosts: one request handler per contract request. */
export function createEngine(info: AppInfo, options: EngineOptions = {}): Engine {
  const manager = new ConnectionManager();
  const listeners = new Set<EngineListener>();
  const repeater = new PublishRepeater(
    (id) => manager.get(id),
    (payload) => {
      for (const listener of listeners) {
        try {
          listener({ name: 'publish.repeat.progress', payload });
        } catch {
          /* a host's broken listener must not stop the run */
        }
      }
    },
  );
  manager.onEvent((event) => {
    if (event.name === 'connection.status') repeater.onStatus(event.payload);
  });
  const { dataDir } = options;
  const store = dataDir
    ? new ProfileStore({ dataDir, secretBox: options.secretBox ?? new FileKeySecretBox(dataDir) })
    : null;
  // Presets and payload formats per profile; a version 1 file attaches to profiles by broker.
  const presets = new PresetStore(dataDir ? () => dataDir : undefined, async () =>
    store
      ? (await store.list()).profiles.map((p) => ({ id: p.id, host: p.options.host, port: p.options.port }))
      : [],
  );
  const codecs = new PayloadCodecs(presets, () => manager.streams);
  const emit: EngineListener = (event) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        /* a host's broken listener must not stop a run */
      }
    }
  };
  const links = new ProfileLinks(manager, store);
  // Lab results live with their profile; an old per-broker file attaches to profiles by URL.
  const profileUrls = async () =>
    store ? (await store.list()).profiles.map((p) => ({ id: p.id, url: brokerUrl(p.options) })) : [];
  const lab = new WillLab(
    manager,
    dataDir ? new HistoryStore({ dataDir, kind: labHistoryKind(profileUrls) }) : null,
  );
  const localBroker = new LocalBroker();
  const record = recordRoom(manager, dataDir, emit);
  const scripts = scriptsRoom({
    manager,
    dataDir,
    emit,
    worker: options.scriptsWorker,
    connectOptions: store ? (id) => store.connectOptions(id) : undefined,
  });
  const decoded = decodedValueHandlers(manager, codecs);
  const settings = new SettingsStore(dataDir, manager.streams);
  // The kept log limits are in force from the start, before any page asks.
  settings.get().catch(() => undefined);
  const handlers: RequestHandlers = {
    'app.info': async () => info,
    'connection.open': (input) => manager.open(input),
    'connection.close': ({ connectionId }) => manager.close(connectionId),
    'connection.list': async () => manager.list(),
    'connection.remove': ({ connectionId }) => manager.remove(connectionId),
    'subscription.add': ({ connectionId, filter, color, alias, ...options }) =>
      links.subscribe(connectionId, filter, options, { color, alias }),
    'subscription.remove': async ({ connectionId, filter }) => ({
      filter,
      reasonCode: await links.unsubscribe(connectionId, filter),
    }),
    'subscription.list': async ({ connectionId }) => manager.get(connectionId).listSubscriptions(),
    'message.publish': (input) => manager.get(input.connectionId).publish(input),
    'publish.queue': async ({ connectionId }) => manager.get(connectionId).queued(),
    'publish.clearQueue': async ({ connectionId }) => ({ removed: manager.get(connectionId).clearQueue() }),
    'publish.repeat.start': async (input) => repeater.start(input),
    'publish.repeat.stop': async ({ repeatId }) => repeater.stop(repeatId),
    'presets.list': (scope) => presets.list(scope),
    'presets.save': ({ preset, ...scope }) => presets.save(scope, preset),
    'presets.delete': ({ name, ...scope }) => presets.remove(scope, name),
    'topicSchemas.list': ({ profileId }) => presets.listSchemas(profileId),
    'topicSchemas.save': ({ schemas, profileId }) => presets.saveSchemas(schemas, profileId),
    'payloadFormats.get': ({ profileId }) => presets.getFormats(profileId),
    'payloadFormats.save': ({ profileId, ...formats }) => presets.saveFormats(formats, profileId),
    'payload.decode': (input) => codecs.decode(input),
    'payload.encode': (input) => codecs.encode(input),
    'packets.list': async ({ connectionId }) => manager.get(connectionId).listPackets(),
    'connection.drop': ({ connectionId }) => manager.get(connectionId).drop(),
    'connection.stall': async ({ connectionId }) => manager.get(connectionId).stall(),
    'connection.disconnectWithWill': ({ connectionId }) => manager.get(connectionId).disconnectWithWill(),
    ...(store ? profileHandlers(store, links) : noProfileHandlers()),
    'lab.run': ({ connectionId, action }) => lab.run(connectionId, action),
    'lab.history': (where) => lab.list(where),
    'localBroker.start': (options) => localBroker.start(options),
    'localBroker.stop': () => localBroker.stop(),
    'localBroker.status': async () => localBroker.statusWithActivity(),
    'localBroker.clients': async () => localBroker.clients(),
    'localBroker.log': async () => localBroker.log(),
    'localBroker.retained': () => localBroker.retained(),
    'localBroker.deleteRetained': ({ topic }) => localBroker.deleteRetained(topic),
    ...streamHandlers(manager),
    // Previews, Sparkplug state, and search and series that read decoded values.
    ...decoded,
    // A transform series runs through the script worker; the rest read the log or its decodes.
    'messages.series': (input) =>
      input.transform ? scripts.series(input) : decoded['messages.series'](input),
    ...checkHandlers(store, emit, dataDir),
    ...historyHandlers(dataDir),
    ...chartLayoutHandlers(dataDir),
    ...record.handlers,
    ...scripts.handlers,
    'settings.get': () => settings.get(),
    'settings.save': (patch) => settings.save(patch),
    // Limits set anywhere (the toolbar, Settings) are kept for the next start.
    'stream.setLimits': (limits) => settings.setLimits(limits),
    // Native dialogs belong to the desktop host, which answers this itself (electron/main).
    'desktop.chooseFile': () => Promise.reject(new EngineError('unsupported', text('desktop.onlyInDesktop'))),
  };
  return {
    handlers,
    onTraffic: (listener) => manager.onTraffic(listener),
    onEvent: (listener) => {
      listeners.add(listener);
      const stopConnections = manager.onEvent(listener);
      const stopProfiles = store?.onChanged((payload) => listener({ name: 'profiles.changed', payload }));
      const stopBroker = localBroker.onEvent(listener);
      return () => {
        listeners.delete(listener);
        stopConnections();
        stopProfiles?.();
        stopBroker();
      };
    },
    closeRunning: (reason) => manager.closeRunning(reason),
    // Repeats stop first; our own connections close with a proper DISCONNECT; then the
    // broker they may be using.
    dispose: async () => {
      repeater.stopAll(text('repeat.shuttingDown'));
      // Recordings are flushed and closed before their connections go.
      await record.dispose(text('repeat.shuttingDown'));
      await scripts.dispose();
      await manager.closeAll(text('state.shuttingDown'));
      await localBroker.stop();
    },
  };
}
