/**
 * Runs the broker check: learns the broker's protocol and limits from one CONNACK, then runs
 * each check on its own helper connections, several at a time (their client IDs and topics
 * never overlap), each bounded in time, each cleaned up after.
 */
import { randomBytes } from 'node:crypto';
import type {
  CheckBroker,
  CheckGroup,
  CheckPlanItem,
  CheckProgress,
  CheckReport,
  CheckResult,
  CheckVerdict,
  ParsedConnectOptions,
  EngineText,
} from '../../contract';
import { brokerUrl } from '../client-options';
import { packetRecord } from '../packet-log';
import { english } from '../text/english';
import { text, type EngineKey } from '../text/keys';
import { ALL_CHECKS } from './catalog';
import type { CheckDef } from './check-def';
import { CANCELLED, CheckContext, CouldNotRun, MESSAGE_BOUND, RunState, type Outcome } from './context';
import { Probe } from './probe';

/** Checks running at once: enough to finish in well under 90 s, few enough for a small broker. */
const CONCURRENCY = 6;
/** No check may take longer than this, waits and cleanup aside. */
const CHECK_TIMEOUT_MS = 25_000;
/** MQTT 5 "Unsupported Protocol Version" and MQTT 3.1.1 "unacceptable protocol version". */
const UNSUPPORTED_PROTOCOL = new Set([0x84, 1]);

export interface RunOptions {
  groups?: CheckGroup[];
  onProgress?: (progress: CheckProgress) => void;
  /** A run id of the caller's choosing (8 hex digits); random otherwise. */
  runId?: string;
  signal?: AbortSignal;
}

/** A check's statement as its key (`check.statement.<id>`): every check has one (engine-text-keys test). */
function statementText(def: CheckDef): EngineText {
  return text(`check.statement.${def.id}` as EngineKey, def.statementParams ?? {});
}

function planItem(def: CheckDef): CheckPlanItem {
  return {
    id: def.id,
    group: def.group,
    specRef: def.specRef,
    statement: def.statement,
    statementText: statementText(def),
  };
}

/** The first connection: protocol and CONNACK properties, or why the broker cannot be used. */
async function discover(
  runId: string,
  options: ParsedConnectOptions,
): Promise<{ state: RunState; connack: Record<string, unknown> } | { problem: string }> {
  let lastProblem = '';
  // MQTT 5 first, then 3.1.1 if the broker refuses it; only 3.1.1 when the profile says so.
  const versions: (4 | 5)[] = options.protocolVersion === '5.0' ? [5, 4] : [4];
  for (const version of versions) {
    const state = new RunState(runId, options, version, {});
    const ctx = new CheckContext(state, 'discover');
    try {
      const probe = await Probe.open(ctx, { label: 'discover' });
      const properties = { ...(probe.connack.properties ?? {}) } as Record<string, unknown>;
      await probe.end();
      return { state: new RunState(runId, options, version, properties), connack: properties };
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
      const code = ctx.packets.find((p) => p.type === 'connack')?.fields;
      const reason = Number(code?.['reasonCode'] ?? code?.['returnCode'] ?? -1);
      if (!UNSUPPORTED_PROTOCOL.has(reason)) break;
    } finally {
      await ctx.cleanup();
    }
  }
  return { problem: lastProblem };
}

/** The check's own outcome, unless it runs out of time or the run is cancelled first. */
function bounded<T>(work: Promise<T>, ms: number, signal: AbortSignal): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: () => void = () => undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CouldNotRun(`The check did not finish within ${ms / 1000} s.`)), ms);
    onAbort = () => reject(new CouldNotRun(CANCELLED));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort);
  });
  // The abandoned work may still fail later; that must not surface as an unhandled rejection.
  work.catch(() => undefined);
  return Promise.race([work, stop]).finally(() => {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  });
}

async function runOne(def: CheckDef, state: RunState, key: string): Promise<CheckResult> {
  const started = performance.now();
  const ctx = new CheckContext(state, key);
  let verdict: CheckVerdict;
  let finding: Outcome['finding'];
  const skip =
    def.v5 && state.protocolVersion !== 5
      ? state.options.protocolVersion === '5.0'
        ? text('check.skip.refusedV5')
        : text('check.skip.ranV311')
      : def.unsupported?.(state.connackProperties);
  if (skip) {
    verdict = 'not-supported';
    finding = skip;
  } else {
    try {
      ({ verdict, finding } = await bounded(def.run(ctx), CHECK_TIMEOUT_MS, state.aborted.signal));
    } catch (error) {
      verdict = 'could-not-run';
      finding = error instanceof Error ? error.message : String(error);
    } finally {
      await ctx.cleanup();
    }
  }
  return {
    id: def.id,
    group: def.group,
    specRef: def.specRef,
    statement: def.statement,
    statementText: statementText(def),
    verdict,
    ...(typeof finding === 'string' ? { finding } : { finding: english(finding), findingText: finding }),
    evidence: {
      packets: ctx.packets,
      timings: ctx.timings,
      ...(ctx.packetsOmitted > 0 && { packetsOmitted: ctx.packetsOmitted }),
    },
    durationMs: Math.round(performance.now() - started),
  };
}

export function selectChecks(groups?: CheckGroup[]): CheckDef[] {
  return groups ? ALL_CHECKS.filter((def) => groups.includes(def.group)) : ALL_CHECKS;
}

export function newRunId(): string {
  return randomBytes(4).toString('hex');
}

function countVerdicts(results: CheckResult[]): Record<CheckVerdict, number> {
  const counts: Record<CheckVerdict, number> = {
    conforms: 0,
    differs: 0,
    'not-supported': 0,
    'could-not-run': 0,
  };
  for (const result of results) counts[result.verdict]++;
  return counts;
}

export async function runBrokerCheck(
  options: ParsedConnectOptions,
  run: RunOptions = {},
): Promise<CheckReport> {
  const runId = run.runId ?? newRunId();
  const startedAt = Date.now();
  const emit = (progress: CheckProgress) => {
    try {
      run.onProgress?.(progress);
    } catch {
      /* a broken listener must not stop the run */
    }
  };
  const defs = selectChecks(run.groups);
  const base = {
    runId,
    topicRoot: `mqscope-check/${runId}`,
    startedAt,
    messageBound: MESSAGE_BOUND,
  };
  emit({ phase: 'planned', runId, checks: defs.map(planItem) });
  const found = await discover(runId, options);
  if ('problem' in found) {
    const counts = countVerdicts([]);
    emit({ phase: 'done', runId, counts });
    return {
      ...base,
      finishedAt: Date.now(),
      broker: null,
      problem: found.problem,
      results: [],
      messagesSent: 0,
      counts,
    };
  }
  const { state, connack } = found;
  const onAbort = () => state.aborted.abort();
  run.signal?.addEventListener('abort', onAbort);

  // Slow (timing) checks first, so their waits overlap everything else.
  const queue = [...defs]
    .map((def, index) => ({ def, index }))
    .sort((a, b) => Number(!!b.def.slow) - Number(!!a.def.slow));
  const results: CheckResult[] = new Array<CheckResult>(defs.length);
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      emit({ phase: 'started', runId, id: next.def.id });
      const result = await runOne(next.def, state, `c${next.index}`);
      results[next.index] = result;
      emit({ phase: 'finished', runId, result });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, defs.length) }, worker));
  run.signal?.removeEventListener('abort', onAbort);

  const counts = countVerdicts(results);
  emit({ phase: 'done', runId, counts });
  return {
    ...base,
    finishedAt: Date.now(),
    broker: {
      url: brokerUrl(options),
      protocolVersion: state.protocolVersion === 5 ? '5.0' : '3.1.1',
      connack: jsonSafe(connack),
    },
    results,
    messagesSent: state.messagesSent,
    counts,
  };
}

/** CONNACK properties as JSON (buffers as hex), reusing the packet log's conversion. */
function jsonSafe(properties: Record<string, unknown>): CheckBroker['connack'] {
  const record = packetRecord({ cmd: 'connack', sessionPresent: false, properties } as never, 'in', 0, 0);
  const fields = record?.fields['properties'];
  return typeof fields === 'object' && fields !== null && !Array.isArray(fields) ? fields : {};
}
