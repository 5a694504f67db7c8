/** The `profiles.*` requests, on top of a ProfileStore and the connection manager. */
import type { RequestHandlers } from '../../contract';
import type { ConnectionManager } from '../connection-manager';
import { EngineError } from '../errors';
import type { ProfileStore } from './store';

type ProfileRequestName = Extract<keyof RequestHandlers, `profiles.${string}`>;
export type ProfileHandlers = Pick<RequestHandlers, ProfileRequestName>;

export function profileHandlers(store: ProfileStore, manager: ConnectionManager): ProfileHandlers {
  const later = async (): Promise<never> => {
    throw new EngineError('internal', 'Not available yet.');
  };
  return {
    'profiles.list': () => store.list(),
    'profiles.save': (input) => store.save(input),
    'profiles.duplicate': ({ id }) => store.duplicate(id),
    'profiles.delete': ({ ids }) => store.delete(ids),
    'profiles.undoDelete': ({ undoToken }) => store.undoDelete(undoToken),
    'profiles.reorder': ({ folder, ids }) => store.reorder(folder, ids),
    'profiles.restoreBackup': () => store.restoreBackup(),
    'profiles.connect': async ({ id, clientId }) => {
      const options = await store.connectOptions(id);
      return manager.open(clientId === undefined ? options : { ...options, clientId });
    },
    'profiles.export': later,
    'profiles.import': later,
    'profiles.importMqttx': later,
    'profiles.parseMqttjs': later,
    'profiles.toMqttjs': later,
  };
}

/** Every profile request answers this when the host gave the engine no data directory. */
export function noProfileHandlers(): ProfileHandlers {
  const refuse = async (): Promise<never> => {
    throw new EngineError('internal', 'This host has no data directory, so profiles cannot be kept.');
  };
  return {
    'profiles.list': refuse,
    'profiles.save': refuse,
    'profiles.duplicate': refuse,
    'profiles.delete': refuse,
    'profiles.undoDelete': refuse,
    'profiles.reorder': refuse,
    'profiles.restoreBackup': refuse,
    'profiles.connect': refuse,
    'profiles.export': refuse,
    'profiles.import': refuse,
    'profiles.importMqttx': refuse,
    'profiles.parseMqttjs': refuse,
    'profiles.toMqttjs': refuse,
  };
}
