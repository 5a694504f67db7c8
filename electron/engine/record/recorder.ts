/**
 * Recordings in progress: each taps one connection's traffic (ConnectionManager.onTraffic),
 * keeps the messages its filter matches, and streams them to a JSON Lines file through a
 * bounded, batched sink. Nothing here runs inside an mqtt.js handler: received messages come
 * in the connection's batches, sent ones one line at a time.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  mqttFilterMatches,
  type ConnectionStatus,
  type EngineText,
  type ParsedRequestInput,
  type ReceivedMessage,
  type RecordingStatus,
} from '../../contract';
import type { ConnectionManager } from '../connection-manager';
import { EngineError, errorDetail, nestText } from '../errors';
import { BatchedLineSink, openLineFile, type BatchedSinkOptions, type LineWriter } from './file-sink';
import { headerLine, messageLine } from './format';
import { stateKey, text } from '../text/keys';

type StartInput = ParsedRequestInput<'record.start'>;

export const RECORDINGS_DIR = 'recordings';

interface Active {
  status: RecordingStatus;
  filter: string | undefined;
  includeSent: boolean;
  sink: BatchedLineSink;
  stopping: Promise<RecordingStatus> | null;
  timer: ReturnType<typeof setInterval>;
  warnedBacklog: boolean;
}

export interface RecorderOptions {
  /** Where recordings go by default; without it, a path must be chosen for each. */
  dataDir?: string;
  emit: (status: RecordingStatus) => void;
  statusEveryMs?: number;
  sink?: BatchedSinkOptions;
  /** Opens the file (tests give a slow disk here). */
  openFile?: (path: string) => Promise<LineWriter>;
  now?: () => number;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
}

export class Recorder {
  private readonly active = new Map<string, Active>();
  /** Files written outside the data folder this session, so the list can show them. */
  readonly elsewhere = new Set<string>();
  private nextId = 1;
  /** Tapped only while something records: otherwise no sent payload is copied for us. */
  private stopTraffic: (() => void) | null = null;

  constructor(
    private readonly manager: ConnectionManager,
    private readonly options: RecorderOptions,
  ) {}

  private tapTraffic(): void {
    this.stopTraffic ??= this.manager.onTraffic((connectionId, messages, direction) =>
      this.onTraffic(connectionId, messages, direction),
    );
  }

  private untapIfIdle(): void {
    if (this.active.size > 0 || !this.stopTraffic) return;
    this.stopTraffic();
    this.stopTraffic = null;
  }

  get dir(): string | undefined {
    return this.options.dataDir ? join(this.options.dataDir, RECORDINGS_DIR) : undefined;
  }

  activePaths(): Set<string> {
    return new Set([...this.active.values()].map((a) => a.status.path));
  }

  list(): RecordingStatus[] {
    return [...this.active.values()].map((a) => this.snapshot(a));
  }

  async start(input: StartInput): Promise<RecordingStatus> {
    const connection = this.manager.get(input.connectionId);
    const now = this.options.now?.() ?? Date.now();
    let path = input.path;
    if (path === undefined) {
      const dir = this.dir;
      if (!dir) throw new EngineError('invalid-input', text('noData.recordTo'));
      await mkdir(dir, { recursive: true });
      const host = connection.status.url.replace(/^\w+:\/\//, '').replace(/[^A-Za-z0-9.-]+/g, '_');
      path = join(dir, `${stamp(now)}-${host}-${this.nextId}.jsonl`);
    }
    let writer: LineWriter;
    try {
      writer = await (this.options.openFile ?? openLineFile)(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new EngineError(
        'invalid-input',
        code === 'EEXIST'
          ? text('record.exists', { path })
          : text('record.cannotCreate', { path, detail: errorDetail(error) }),
      );
    }
    const recordingId = `recording-${this.nextId++}`;
    const active: Active = {
      filter: input.filter,
      includeSent: input.includeSent,
      stopping: null,
      warnedBacklog: false,
      sink: new BatchedLineSink(
        writer,
        (error) =>
          void this.stop(recordingId, text('record.writeFailed', { detail: error.message }), 'failed'),
        this.options.sink,
      ),
      timer: setInterval(() => this.tick(recordingId), this.options.statusEveryMs ?? 500),
      status: {
        recordingId,
        connectionId: input.connectionId,
        path,
        state: 'recording',
        written: 0,
        dropped: 0,
        bytes: 0,
        startedAt: now,
        detail: text('record.recording'),
      },
    };
    active.sink.push(
      headerLine({
        broker: connection.status.url,
        clientId: connection.status.clientId,
        filter: input.filter ?? null,
        includeSent: input.includeSent,
        startedAt: now,
      }),
    );
    this.active.set(recordingId, active);
    this.tapTraffic();
    if (input.path !== undefined) this.elsewhere.add(path);
    return this.snapshot(active);
  }

  /** Stops, writes what is queued, closes the file; answers with the final status. */
  stop(
    recordingId: string,
    reason: EngineText = text('repeat.stoppedByYou'),
    state: 'stopped' | 'failed' = 'stopped',
  ): Promise<RecordingStatus> {
    const active = this.active.get(recordingId);
    if (!active) throw new EngineError('not-found', text('record.notRunning', { id: recordingId }));
    active.stopping ??= (async () => {
      clearInterval(active.timer);
      try {
        await active.sink.close();
      } catch (error) {
        reason = text('record.closeFailed', { detail: errorDetail(error) });
        state = 'failed';
      }
      this.active.delete(recordingId);
      this.untapIfIdle();
      active.status.state = state;
      active.status.detail = reason;
      const final = this.snapshot(active);
      this.options.emit(final);
      return final;
    })();
    return active.stopping;
  }

  /** A connection that is over (not reconnecting) ends its recordings, with the reason. */
  onStatus(status: ConnectionStatus): void {
    if (status.state !== 'disconnected' && status.state !== 'failed') return;
    for (const active of this.active.values()) {
      if (active.status.connectionId === status.connectionId && !active.stopping) {
        void this.stop(
          active.status.recordingId,
          text('repeat.stoppedConnection', {
            stateKey: stateKey(status.state),
            ...nestText('reason', status.reason),
          }),
        );
      }
    }
  }

  async stopAll(reason: EngineText): Promise<void> {
    await Promise.allSettled([...this.active.keys()].map((id) => this.stop(id, reason)));
    this.untapIfIdle();
  }

  private onTraffic(
    connectionId: string,
    messages: readonly ReceivedMessage[],
    direction: 'in' | 'out',
  ): void {
    for (const active of this.active.values()) {
      if (active.status.connectionId !== connectionId || active.stopping) continue;
      if (direction === 'out' && !active.includeSent) continue;
      for (const message of messages) {
        if (active.filter !== undefined && !mqttFilterMatches(active.filter, message.topic)) continue;
        active.sink.push(messageLine(message, direction));
      }
    }
  }

  private tick(recordingId: string): void {
    const active = this.active.get(recordingId);
    if (!active || active.stopping) return;
    const { sink } = active;
    if (sink.dropped > 0 && !active.warnedBacklog) {
      active.warnedBacklog = true;
      active.status.detail = text('record.diskSlow');
    }
    this.options.emit(this.snapshot(active));
  }

  private snapshot(active: Active): RecordingStatus {
    const { sink } = active;
    // The header is a line of the file, not a message.
    return {
      ...active.status,
      written: Math.max(0, sink.written - 1),
      dropped: sink.dropped,
      bytes: sink.bytes,
    };
  }
}
