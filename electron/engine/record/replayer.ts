/**
 * Replays a recording (or an exported message log) into a connection: at the original
 * timing, N× faster, or as fast as the broker takes them. Each message is due at
 * start + (its time − the first one's) / speed, so slow acknowledgements never add up to drift;
 * a pause moves the start along by the time spent paused. The file is streamed, never loaded.
 */
import {
  mqttFilterMatches,
  topicNameProblem,
  type ConnectionStatus,
  type EngineText,
  type ParsedRequestInput,
  type PublishResult,
  type ReplayProgress,
} from '../../contract';
import type { MqttConnection } from '../connection';
import { EngineError, errorDetail, nestText } from '../errors';
import type { RecordedMessage } from './format';
import { readRecording } from './lines';
import { stateKey, text } from '../text/keys';

type ReplayInput = ParsedRequestInput<'replay.start'>;

/** QoS 1/2 publishes awaiting their ack at once: enough to keep a local broker busy. */
const WINDOW = 64;

interface Run {
  input: ReplayInput;
  path: string;
  progress: ReplayProgress;
  stopReason: EngineText | null;
  paused: boolean;
  /** Wakes a wait (for a due time or for a resume) early. */
  wake: (() => void) | null;
  lastEmit: number;
}

export interface ReplayerOptions {
  progressEveryMs?: number;
}

export type TopicRewrite = (topic: string) => string;

/** Regex replace first, then the prefix; a bad pattern fails the request with one sentence. */
export function compileRewrite(input: Pick<ReplayInput, 'prefix' | 'rewrite'>): TopicRewrite {
  let regex: RegExp | null = null;
  if (input.rewrite) {
    try {
      regex = new RegExp(input.rewrite.pattern, 'g');
    } catch (error) {
      throw new EngineError('invalid-input', text('replay.badRewrite', { detail: errorDetail(error) }));
    }
  }
  const replace = input.rewrite?.replace ?? '';
  const prefix = input.prefix ?? '';
  return (topic) => prefix + (regex ? topic.replace(regex, replace) : topic);
}

export class Replayer {
  private readonly runs = new Map<string, Run>();
  private nextId = 1;
  private readonly progressEveryMs: number;

  constructor(
    private readonly connection: (connectionId: string) => MqttConnection,
    private readonly emit: (progress: ReplayProgress) => void,
    options: ReplayerOptions = {},
  ) {
    this.progressEveryMs = options.progressEveryMs ?? 250;
  }

  /** Checks the file and the options, counts what one pass will send, then starts. */
  async start(input: ReplayInput, path: string): Promise<ReplayProgress> {
    const connection = this.connection(input.connectionId);
    if (connection.status.state !== 'connected') {
      throw new EngineError('not-connected', text('replay.needsConnection'));
    }
    const rewrite = compileRewrite(input);
    let total = 0;
    let summary;
    try {
      summary = await readRecording(path, (line) => {
        if (line.kind === 'message' && this.eligible(input, line.message)) total++;
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new EngineError(
        code === 'ENOENT' ? 'not-found' : 'invalid-input',
        code === 'ENOENT'
          ? text('replay.noFile', { path })
          : text('replay.unreadable', { path, detail: errorDetail(error) }),
      );
    }
    if (summary.messages === 0) {
      const first = summary.firstProblem;
      throw new EngineError(
        'invalid-input',
        first
          ? text('replay.emptyAt', { path, line: first.line, detail: first.reason })
          : text('replay.empty', { path }),
      );
    }
    const replayId = `replay-${this.nextId++}`;
    const run: Run = {
      input,
      path,
      stopReason: null,
      paused: false,
      wake: null,
      lastEmit: 0,
      progress: {
        replayId,
        connectionId: input.connectionId,
        state: 'running',
        sent: 0,
        failed: 0,
        skipped: 0,
        total,
        loops: 0,
        detail: text('repeat.started'),
      },
    };
    this.runs.set(replayId, run);
    void this.loop(run, connection, rewrite);
    return { ...run.progress };
  }

  pause(replayId: string, paused: boolean): ReplayProgress {
    const run = this.get(replayId);
    run.paused = paused;
    run.progress.state = paused ? 'paused' : 'running';
    run.progress.detail = text(paused ? 'replay.paused' : 'replay.resumed');
    run.wake?.();
    this.emit({ ...run.progress });
    return { ...run.progress };
  }

  stop(replayId: string, reason: EngineText = text('repeat.stoppedByYou')): ReplayProgress {
    const run = this.get(replayId);
    this.requestStop(run, reason);
    return { ...run.progress, state: 'stopped', detail: reason };
  }

  list(): ReplayProgress[] {
    return [...this.runs.values()].map((r) => ({ ...r.progress }));
  }

  /** A connection that is no longer connected ends its replays at once, with the reason. */
  onStatus(status: ConnectionStatus): void {
    if (status.state === 'connected') return;
    for (const run of this.runs.values()) {
      if (run.input.connectionId === status.connectionId)
        this.requestStop(
          run,
          text('repeat.stoppedConnection', {
            stateKey: stateKey(status.state),
            ...nestText('reason', status.reason),
          }),
        );
    }
  }

  stopAll(reason: EngineText): void {
    for (const run of this.runs.values()) this.requestStop(run, reason);
  }

  private get(replayId: string): Run {
    const run = this.runs.get(replayId);
    if (!run) throw new EngineError('not-found', text('replay.notRunning', { id: replayId }));
    return run;
  }

  private requestStop(run: Run, reason: EngineText): void {
    if (run.stopReason !== null) return;
    run.stopReason = reason;
    this.runs.delete(run.progress.replayId);
    run.wake?.();
  }

  private eligible(input: ReplayInput, message: RecordedMessage): boolean {
    if (message.direction === 'out' && !input.includeSent) return false;
    return input.filter === undefined || mqttFilterMatches(input.filter, message.topic);
  }

  private async loop(run: Run, connection: MqttConnection, rewrite: TopicRewrite): Promise<void> {
    const { input, progress } = run;
    const v5 = connection.status.protocolVersion === '5.0';
    // Never more in flight than the broker's Receive Maximum: a QoS 1/2 message held back for
    // quota while a QoS 0 one goes out would change the recorded order.
    const windowSize = Math.min(WINDOW, connection.status.connack?.receiveMaximum ?? WINDOW);
    const window: Promise<unknown>[] = [];
    let failure: EngineText | null = null;
    const track = (published: Promise<PublishResult>) => {
      const settled = published.then(
        () => {
          progress.sent++;
        },
        (error: unknown) => {
          progress.failed++;
          const why =
            error instanceof EngineError && error.text
              ? error.text
              : text('publish.failed', { detail: errorDetail(error) });
          progress.detail = why;
          if (error instanceof EngineError && error.code === 'not-connected') failure ??= why;
        },
      );
      window.push(settled);
    };
    try {
      do {
        let base: { recorded: number; wall: number } | null = null;
        await readRecording(run.path, async (line) => {
          if (run.stopReason !== null || failure !== null) return 'stop';
          if (line.kind !== 'message') return;
          const message = line.message;
          if (!this.eligible(input, message)) return;
          const topic = rewrite(message.topic);
          const problem = topicNameProblem(topic);
          if (problem) {
            progress.skipped++;
            progress.detail = text('replay.skipped', { topic, ...nestText('why', problem) });
            return;
          }
          if (input.speed !== 'max') {
            base ??= { recorded: message.time, wall: Date.now() };
            const due = base.wall + (message.time - base.recorded) / input.speed;
            base.wall += await this.waitUntil(run, due);
          } else if (run.paused) {
            await this.waitUntil(run, Date.now());
          }
          if (run.stopReason !== null) return 'stop';
          const {
            topicAlias: _alias,
            subscriptionIdentifiers: _ids,
            ...properties
          } = message.properties ?? {};
          try {
            track(
              connection.publish({
                connectionId: input.connectionId,
                topic,
                payload: { format: 'bytes', bytes: message.payload as Uint8Array<ArrayBuffer> },
                qos: input.qos ?? message.qos,
                retain: input.retain === 'keep' ? message.retain : input.retain === 'on',
                ...(v5 && Object.keys(properties).length > 0 && { properties }),
              }),
            );
          } catch (error) {
            track(Promise.reject(error));
          }
          if (window.length >= windowSize) await Promise.all(window.splice(0));
          this.maybeEmit(run);
        });
        await Promise.all(window.splice(0));
        if (run.stopReason === null && failure === null) progress.loops++;
      } while (input.loop && run.stopReason === null && failure === null);
    } catch (error) {
      failure = text('replay.readFailed', { path: run.path, detail: errorDetail(error) });
    }
    await Promise.all(window.splice(0));
    this.runs.delete(progress.replayId);
    if (failure !== null) {
      progress.state = run.stopReason !== null ? 'stopped' : 'failed';
      progress.detail = run.stopReason ?? text('repeat.stopped', nestText('why', failure));
    } else if (run.stopReason !== null) {
      progress.state = 'stopped';
      progress.detail = run.stopReason;
    } else {
      progress.state = 'finished';
      progress.detail = text('replay.done', {
        sent: progress.sent,
        failed: progress.failed,
        skipped: progress.skipped,
      });
    }
    this.emit({ ...progress });
  }

  private maybeEmit(run: Run): void {
    const now = Date.now();
    if (now - run.lastEmit < this.progressEveryMs) return;
    run.lastEmit = now;
    this.emit({ ...run.progress });
  }

  /** Waits until `due` (and while paused); answers how long it was paused, to shift the timeline. */
  private async waitUntil(run: Run, due: number): Promise<number> {
    let pausedFor = 0;
    while (run.stopReason === null) {
      const pausedAt = run.paused ? Date.now() : 0;
      const delay = run.paused ? Infinity : due + pausedFor - Date.now();
      if (delay <= 0) break;
      await new Promise<void>((resolve) => {
        const timer = Number.isFinite(delay) ? setTimeout(done, delay) : null;
        function done() {
          if (timer) clearTimeout(timer);
          run.wake = null;
          resolve();
        }
        run.wake = done;
      });
      if (pausedAt) pausedFor += Date.now() - pausedAt;
    }
    return pausedFor;
  }
}
