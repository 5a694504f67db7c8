import { basename } from 'node:path';
import type { EngineEvent, EngineText, RequestHandlers } from '../../contract';
import { EngineError } from '../errors';
import { text } from '../text/keys';
import type { ConnectionManager } from '../connection-manager';
import { Recorder } from './recorder';
import { RecordingsList } from './recordings';
import { Replayer } from './replayer';

export { Recorder } from './recorder';
export { Replayer } from './replayer';

type RecordHandlers = Pick<
  RequestHandlers,
  Extract<keyof RequestHandlers, `record.${string}` | `replay.${string}`>
>;

export interface RecordRoom {
  handlers: RecordHandlers;
  dispose(reason: EngineText): Promise<void>;
}

/** The `record.*` and `replay.*` requests, bound to the manager's connections. */
export function recordRoom(
  manager: ConnectionManager,
  dataDir: string | undefined,
  emit: (event: EngineEvent) => void,
): RecordRoom {
  const recorder = new Recorder(manager, {
    ...(dataDir !== undefined && { dataDir }),
    emit: (payload) => emit({ name: 'record.status', payload }),
  });
  const replayer = new Replayer(
    (id) => manager.get(id),
    (payload) => emit({ name: 'replay.progress', payload }),
  );
  const recordings = new RecordingsList(recorder.dir);
  const stopOnStatus = manager.onEvent((event) => {
    if (event.name !== 'connection.status') return;
    recorder.onStatus(event.payload);
    replayer.onStatus(event.payload);
  });
  return {
    handlers: {
      'record.start': (input) => recorder.start(input),
      'record.stop': ({ recordingId }) => recorder.stop(recordingId),
      'record.active': async () => recorder.list(),
      'record.list': () => recordings.list(recorder.elsewhere, recorder.activePaths()),
      'record.open': async ({ path }) => {
        const info = await recordings.info(path, recorder.activePaths().has(path));
        if (!info || (info.count === 0 && info.startedAt === undefined))
          throw new EngineError('invalid-input', text('record.notARecording', { name: basename(path) }));
        recorder.elsewhere.add(path);
        return info;
      },
      'record.delete': async ({ name }) => {
        await recordings.remove(name, recorder.activePaths());
        return { name };
      },
      'replay.start': (input) =>
        replayer.start(
          input,
          'recording' in input.source ? recordings.pathOf(input.source.recording) : input.source.path,
        ),
      'replay.pause': async ({ replayId, paused }) => replayer.pause(replayId, paused),
      'replay.stop': async ({ replayId }) => replayer.stop(replayId),
      'replay.list': async () => replayer.list(),
    },
    dispose: async (reason) => {
      stopOnStatus();
      replayer.stopAll(reason);
      await recorder.stopAll(reason);
    },
  };
}
