import type { EngineEvent, RequestHandlers } from '../../contract';
import type { ConnectionManager } from '../connection-manager';
import { EngineError } from '../errors';
import { text } from '../text/keys';
import { ScriptStore } from './script-store';

export type ScriptHandlers = Pick<RequestHandlers, Extract<keyof RequestHandlers, `scripts.${string}`>>;

export interface ScriptsRoomOptions {
  manager: ConnectionManager;
  dataDir: string | undefined;
  emit: (event: EngineEvent) => void;
}

export interface ScriptsRoom {
  handlers: ScriptHandlers;
  dispose(): Promise<void>;
}

/** The `scripts.*` requests. */
export function scriptsRoom(options: ScriptsRoomOptions): ScriptsRoom {
  const store = new ScriptStore(options.dataDir);
  const notYet = async (): Promise<never> => {
    throw new EngineError('internal', text('scripts.notYet'));
  };
  return {
    handlers: {
      'scripts.list': ({ profileId }) => store.list(profileId),
      'scripts.save': ({ profileId, script }) => store.save(profileId, script),
      'scripts.delete': ({ profileId, scriptId }) => store.remove(profileId, scriptId),
      'scripts.transform': notYet,
      'scripts.responder.start': notYet,
      'scripts.responder.stop': notYet,
      'scripts.device.start': notYet,
      'scripts.device.stop': notYet,
      'scripts.runs': async () => [],
      'scripts.console': async () => [],
      'scripts.clearConsole': async () => ({ removed: 0 }),
    },
    dispose: async () => undefined,
  };
}
