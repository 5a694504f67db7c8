/**
 * What one check gets from the runner: its topics under the run's root, a recorder for its
 * evidence, the run-wide message budget, and cleanup that runs whatever the check's outcome.
 */
import type { Packet } from 'mqtt';
import type {
  CheckPacket,
  CheckTiming,
  CheckVerdict,
  EngineText,
  ParsedConnectOptions,
} from '../../contract';
import { packetRecord } from '../packet-log';

/**
 * The most PUBLISH packets the helpers may send in one run, all checks and cleanup together.
 * The whole suite sends about 100; a check that would go past the bound is stopped as
 * "could not run". The last CLEANUP_RESERVE are kept for cleanup, so that clearing retained
 * messages never fails for want of budget.
 */
export const MESSAGE_BOUND = 400;
const CLEANUP_RESERVE = 50;
/** Packets kept as evidence per check; the rest are counted. */
const EVIDENCE_PACKET_LIMIT = 120;

export const CANCELLED = 'The run was cancelled.';

/** Thrown by a check (or its helpers) when it cannot reach a verdict. */
export class CouldNotRun extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CouldNotRun';
  }
}

export interface Outcome {
  verdict: Exclude<CheckVerdict, 'could-not-run'>;
  /** A keyed finding (`check.*`), or English for a group not keyed yet (Issue 14). */
  finding: string | EngineText;
}

type Finding = Outcome['finding'];
export const conforms = (finding: Finding): Outcome => ({ verdict: 'conforms', finding });
export const differs = (finding: Finding): Outcome => ({ verdict: 'differs', finding });
export const notSupported = (finding: Finding): Outcome => ({ verdict: 'not-supported', finding });

/** Shared by every check of a run. */
export class RunState {
  messagesSent = 0;
  private serial = 0;
  readonly aborted: AbortController = new AbortController();

  constructor(
    readonly runId: string,
    readonly options: ParsedConnectOptions,
    /** 5: MQTT 5; 4: the broker refused MQTT 5 and the checks speak 3.1.1. */
    readonly protocolVersion: 4 | 5,
    /** The first CONNACK's MQTT 5 properties (empty for 3.1.1). */
    readonly connackProperties: Readonly<Record<string, unknown>>,
  ) {}

  get topicRoot(): string {
    return `mqscope-check/${this.runId}`;
  }

  /** At most 23 characters, the length MQTT 3.1.1 §3.1.3.1 obliges every broker to accept. */
  nextClientId(tag: string): string {
    return `mqs-${this.runId}-${tag.slice(0, 6)}${++this.serial}`;
  }

  /** Counts messages against the bound; cleanup may still send after a cancel. */
  spend(count: number, forCleanup = false): void {
    if (!forCleanup && this.aborted.signal.aborted) throw new CouldNotRun(CANCELLED);
    const limit = forCleanup ? MESSAGE_BOUND : MESSAGE_BOUND - CLEANUP_RESERVE;
    if (this.messagesSent + count > limit) {
      throw new CouldNotRun(`The run reached its bound of ${MESSAGE_BOUND} messages.`);
    }
    this.messagesSent += count;
  }
}

export class CheckContext {
  readonly packets: CheckPacket[] = [];
  readonly timings: CheckTiming[] = [];
  packetsOmitted = 0;
  /** Set once the check is over: its cleanup may connect and send even after a cancel. */
  cleaningUp = false;
  /** Set once cleanup is done: work a cancel left behind may open nothing more. */
  private finished = false;
  private seq = 0;
  private readonly cleanups: (() => Promise<unknown>)[] = [];

  constructor(
    readonly run: RunState,
    /** Short, unique per check: its topics live under `<root>/<key>`. */
    readonly key: string,
  ) {}

  get v5(): boolean {
    return this.run.protocolVersion === 5;
  }

  /** A topic of this check: `mqscope-check/<run-id>/<key>/<suffix>`. */
  topic(suffix = 't'): string {
    return `${this.run.topicRoot}/${this.key}/${suffix}`;
  }

  clientId(tag: string): string {
    return this.run.nextClientId(tag);
  }

  record(client: string, packet: Packet, direction: 'in' | 'out'): void {
    const record = packetRecord(packet, direction, ++this.seq, performance.timeOrigin + performance.now());
    if (!record) return;
    if (this.packets.length >= EVIDENCE_PACKET_LIMIT) {
      this.packetsOmitted++;
      return;
    }
    this.packets.push({ ...record, client });
  }

  timing(label: string, ms: number, expected?: { minMs: number; maxMs: number }): number {
    this.timings.push({ label, ms: Math.round(ms), ...(expected && { expected }) });
    return ms;
  }

  /** Runs after the check, newest first, whatever its outcome. */
  onCleanup(work: () => Promise<unknown>): void {
    this.cleanups.push(work);
  }

  spend(count: number): void {
    this.run.spend(count, this.cleaningUp);
  }

  /** Throws "could not run" once the run was cancelled (not during cleanup) or the check is over. */
  assertRunning(): void {
    if (this.finished) throw new CouldNotRun('The check is over.');
    if (!this.cleaningUp && this.run.aborted.signal.aborted) throw new CouldNotRun(CANCELLED);
  }

  async cleanup(): Promise<void> {
    this.cleaningUp = true;
    for (const work of this.cleanups.reverse()) {
      try {
        await work();
      } catch {
        /* cleanup is best effort: one failure must not stop the others */
      }
    }
    this.finished = true;
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Seconds to one decimal, for a keyed sentence that writes the unit in its own language. */
export function tenths(ms: number): string {
  return (ms / 1000).toFixed(1);
}

export function seconds(ms: number): string {
  return `${tenths(ms)} s`;
}
