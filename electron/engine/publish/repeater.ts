import type {
  ConnectionStatus,
  EngineText,
  ParsedRequestInput,
  PayloadInput,
  RepeatProgress,
} from '../../contract';
import { encodePayload, expandTemplate, liveTemplateContext } from '../../contract';
import type { MqttConnection } from '../connection';
import { EngineError, errorDetail, nestText } from '../errors';
import { stateKey, text } from '../text/keys';

type RepeatInput = ParsedRequestInput<'publish.repeat.start'>;

interface Run {
  progress: RepeatProgress;
  input: RepeatInput;
  stopReason: EngineText | null;
  /** Cuts the wait before the next message short when the run is stopped. */
  wake: (() => void) | null;
  /** Resolves when the run is asked to stop: an unanswered publish must not hold the run. */
  stopped: Promise<void>;
  signalStop: () => void;
  lastEmit: number;
}

export interface RepeaterOptions {
  /** How often progress may be pushed while a run is busy. */
  progressEveryMs?: number;
}

/**
 * Repeat publishing, in the engine: sends each message when it is due (start + i × interval,
 * so a slow acknowledgement does not add up to drift) and awaits it before the next, so a
 * slow broker slows the run instead of piling up a queue. Progress leaves a few times a
 * second and once at the end: the renderer never renders once per message.
 */
export class PublishRepeater {
  private readonly runs = new Map<string, Run>();
  private nextId = 1;
  private readonly progressEveryMs: number;

  constructor(
    private readonly connection: (connectionId: string) => MqttConnection,
    private readonly emit: (progress: RepeatProgress) => void,
    options: RepeaterOptions = {},
  ) {
    this.progressEveryMs = options.progressEveryMs ?? 250;
  }

  start(input: RepeatInput): RepeatProgress {
    const connection = this.connection(input.connectionId);
    if (connection.status.state !== 'connected') {
      throw new EngineError('not-connected', text('repeat.needsConnection'));
    }
    // A broken template or payload fails the request now, not as a run of failures.
    const first = messagePayload(input, input.counterStart, connection.status.clientId);
    if (!first.ok) throw new EngineError('invalid-input', first.problem);
    if (input.properties && connection.status.protocolVersion !== '5.0') {
      throw new EngineError('invalid-input', text('publish.v5PropsNeedV5'));
    }
    const repeatId = `repeat-${this.nextId++}`;
    let signalStop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => {
      signalStop = resolve;
    });
    const run: Run = {
      input,
      stopReason: null,
      wake: null,
      stopped,
      signalStop,
      lastEmit: 0,
      progress: {
        repeatId,
        connectionId: input.connectionId,
        state: 'running',
        sent: 0,
        failed: 0,
        ...(input.count !== undefined && { total: input.count }),
        detail: text('repeat.started'),
      },
    };
    this.runs.set(repeatId, run);
    void this.loop(run, connection);
    return { ...run.progress };
  }

  /** Ends the run at once: it is unregistered now, and its last progress event follows. */
  stop(repeatId: string, reason: EngineText = text('repeat.stoppedByYou')): RepeatProgress {
    const run = this.runs.get(repeatId);
    if (!run) throw new EngineError('not-found', text('repeat.notRunning', { id: repeatId }));
    this.requestStop(run, reason);
    return { ...run.progress, state: 'stopped', detail: run.stopReason ?? reason };
  }

  /** Runs not yet ended. */
  running(): RepeatProgress[] {
    return [...this.runs.values()].map((run) => ({ ...run.progress }));
  }

  /** A connection that is no longer connected ends its repeats at once, with the reason. */
  onStatus(status: ConnectionStatus): void {
    if (status.state === 'connected') return;
    for (const run of this.runs.values()) {
      if (run.input.connectionId === status.connectionId) {
        this.requestStop(
          run,
          text('repeat.stoppedConnection', {
            stateKey: stateKey(status.state),
            ...nestText('reason', status.reason),
          }),
        );
      }
    }
  }

  stopAll(reason: EngineText): void {
    for (const run of this.runs.values()) this.requestStop(run, reason);
  }

  private requestStop(run: Run, reason: EngineText): void {
    if (run.stopReason !== null) return;
    run.stopReason = reason;
    this.runs.delete(run.progress.repeatId);
    run.wake?.();
    run.signalStop();
  }

  private async loop(run: Run, connection: MqttConnection): Promise<void> {
    const { input } = run;
    const startedAt = Date.now();
    const clientId = connection.status.clientId;
    let ended: { state: RepeatProgress['state']; detail: EngineText } | null = null;
    for (let i = 0; input.count === undefined || i < input.count; i++) {
      await this.waitUntil(run, startedAt + i * input.intervalMs);
      if (run.stopReason !== null) break;
      const payload = messagePayload(input, input.counterStart + i, clientId);
      if (!payload.ok) {
        ended = { state: 'failed', detail: payload.problem };
        break;
      }
      try {
        // Through the connection's publish, so the Receive Maximum gate applies to repeats too.
        const published = connection.publish({
          connectionId: input.connectionId,
          topic: input.topic,
          payload: payload.payload,
          qos: input.qos,
          retain: input.retain,
          properties: input.properties,
        });
        // A stop ends the run now; that message is still answered, in the outgoing queue.
        published.catch(() => undefined);
        const result = await Promise.race([published, run.stopped.then(() => null)]);
        if (result === null) break;
        run.progress.sent++;
        run.progress.detail = result.outcome;
      } catch (error) {
        run.progress.failed++;
        const why =
          error instanceof EngineError && error.text
            ? error.text
            : text('publish.failed', { detail: errorDetail(error) });
        run.progress.detail = why;
        if (error instanceof EngineError && error.code === 'not-connected') {
          ended = { state: 'stopped', detail: text('repeat.stopped', nestText('why', why)) };
          break;
        }
      }
      this.maybeEmit(run);
    }
    this.runs.delete(run.progress.repeatId);
    if (!ended) {
      ended =
        run.stopReason !== null
          ? { state: 'stopped', detail: run.stopReason }
          : {
              state: 'finished',
              detail: text('repeat.done', { sent: run.progress.sent, failed: run.progress.failed }),
            };
    }
    run.progress.state = ended.state;
    run.progress.detail = ended.detail;
    this.emit({ ...run.progress });
  }

  private maybeEmit(run: Run): void {
    const now = Date.now();
    if (now - run.lastEmit < this.progressEveryMs) return;
    run.lastEmit = now;
    this.emit({ ...run.progress });
  }

  private waitUntil(run: Run, due: number): Promise<void> {
    const delay = due - Date.now();
    if (delay <= 0 || run.stopReason !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, delay);
      function done() {
        clearTimeout(timer);
        run.wake = null;
        resolve();
      }
      run.wake = done;
    });
  }
}

type MessagePayload = { ok: true; payload: PayloadInput } | { ok: false; problem: EngineText };

/** The payload of message number `counter`: templates expanded, then checked like a publish. */
function messagePayload(input: RepeatInput, counter: number, clientId: string): MessagePayload {
  const source =
    typeof input.payload === 'string' ? { format: 'text' as const, text: input.payload } : input.payload;
  if (source.format === 'bytes') return { ok: true, payload: source };
  const expanded = expandTemplate(source.text, liveTemplateContext(counter, clientId));
  if (!expanded.ok) return { ok: false, problem: expanded.text };
  const payload = { format: source.format, text: expanded.text };
  const encoded = encodePayload(payload);
  return encoded.ok ? { ok: true, payload } : { ok: false, problem: encoded.problem };
}
