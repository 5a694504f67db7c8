/**
 * `mqscope record` and `mqscope replay`: the engine's own recorder and replayer on one
 * connection, so a file from the CLI and one from the app are the same thing.
 */
import { resolve } from 'node:path';
import type { ParsedConnectOptions, ReplayProgress } from '../contract';
import { ConnectionManager } from '../engine/connection-manager';
import { Recorder, Replayer } from '../engine/record';
import { text } from '../engine/text/keys';
import { english } from '../engine/text/english';
import type { Io } from './io';
import type { RecordCommand, ReplayCommand } from './record-args';

async function open(manager: ConnectionManager, options: ParsedConnectOptions, io: Io, name: string) {
  const status = await manager.open(options);
  if (status.state !== 'connected') {
    io.stderr(
      `mqscope ${name}: could not connect to ${status.url}: ${english(status.problem ?? status.reason)}`,
    );
    return null;
  }
  return status.connectionId;
}

/** Resolves on Ctrl-C / SIGTERM, or after `seconds`. */
function untilStopped(seconds: number | undefined): Promise<string> {
  return new Promise((done) => {
    const timer = seconds === undefined ? undefined : setTimeout(() => finish('timeout'), seconds * 1000);
    const onSignal = () => finish('signal');
    function finish(why: string) {
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      done(why);
    }
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

export async function recordCommand(
  io: Io,
  options: ParsedConnectOptions,
  command: RecordCommand,
): Promise<number> {
  const manager = new ConnectionManager();
  let failed = false;
  const recorder = new Recorder(manager, {
    emit: (status) => {
      if (status.state === 'failed') failed = true;
      io.stderr(`${status.written} written, ${status.dropped} dropped. ${english(status.detail)}`);
    },
  });
  try {
    const connectionId = await open(manager, options, io, 'record');
    if (connectionId === null) return 2;
    const path = resolve(command.output);
    const started = await recorder.start({ connectionId, path, filter: command.filter, includeSent: false });
    await manager.get(connectionId).subscribe(command.filter, {
      qos: command.qos,
      noLocal: false,
      retainAsPublished: true,
      retainHandling: 0,
    });
    io.stderr(`Recording ${command.filter} to ${path}${command.timeoutSeconds ? '' : ' (Ctrl-C to stop)'}.`);
    await untilStopped(command.timeoutSeconds);
    const final = await recorder.stop(started.recordingId);
    io.stdout(`${final.written} messages recorded to ${final.path} (${final.dropped} dropped).`);
    return failed ? 1 : 0;
  } catch (error) {
    io.stderr(`mqscope record: ${error instanceof Error ? error.message : String(error)}`);
    return failed ? 1 : 2;
  } finally {
    await recorder.stopAll(text('record.stopped'));
    await manager.closeAll(text('state.byYou'));
  }
}

export async function replayCommand(
  io: Io,
  options: ParsedConnectOptions,
  command: ReplayCommand,
): Promise<number> {
  const manager = new ConnectionManager();
  let finish: (progress: ReplayProgress) => void = () => undefined;
  const ended = new Promise<ReplayProgress>((done) => (finish = done));
  const replayer = new Replayer(
    (id) => manager.get(id),
    (progress) => {
      if (progress.state === 'running') io.stderr(`${progress.sent} of ${progress.total} sent…`);
      else if (progress.state !== 'paused') finish(progress);
    },
    { progressEveryMs: 1000 },
  );
  const stopStatus = manager.onEvent((event) => {
    if (event.name === 'connection.status') replayer.onStatus(event.payload);
  });
  try {
    const connectionId = await open(manager, options, io, 'replay');
    if (connectionId === null) return 2;
    const started = await replayer.start(
      { ...command.options, connectionId, source: { path: command.file } },
      resolve(command.file),
    );
    void untilStopped(undefined).then(() => {
      try {
        replayer.stop(started.replayId, text('record.stoppedCtrlC'));
      } catch {
        /* already over */
      }
    });
    const result = await ended;
    io.stdout(
      `${english(result.detail)} (${result.sent} sent, ${result.failed} failed, ${result.skipped} skipped)`,
    );
    return result.state === 'finished' && result.failed === 0 ? 0 : 1;
  } catch (error) {
    io.stderr(`mqscope replay: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    stopStatus();
    replayer.stopAll(text('record.stopped'));
    await manager.closeAll(text('state.byYou'));
  }
}
