/**
 * The script worker: a worker_thread that holds every running script's sandbox and their
 * timers, so a script that spins until its deadline stalls this thread, never the engine's
 * sockets. Built as its own entry (out/main/scripts-worker.cjs, out/web/scripts-worker.js).
 */
import { parentPort } from 'node:worker_threads';
import type { ScriptError } from '../../contract';
import type { CallOutcome, Delivery, FromWorker, ScriptOp, ToWorker, WireMessage } from './protocol';
import { DEFAULT_LIMITS, Sandbox, type SandboxLimits } from './sandbox';
import { scriptFailure } from './script-error';

const MIN_TIMER_MS = 10;
const MAX_TIMERS = 100;
const FORWARDED: ReadonlySet<string> = new Set<ScriptOp>(['publish', 'subscribe', 'log', 'on']);

/**
 * What one call (a handler, a timer tick, the load) may ask of the engine. A script that
 * logs or publishes in a loop until its deadline would otherwise flood the engine's thread
 * and the broker; the rest of that call's requests are dropped, and said once.
 */
export const MAX_PUBLISHES_PER_CALL = 1000;
export const MAX_LOGS_PER_CALL = 200;
/** A transform's value is shown in a pane, not a file: one value's JSON stays under this. */
const MAX_VALUE_CHARS = 1024 * 1024;

interface Running {
  /** Requests of the call in progress: reset before each call. */
  counts: { publishes: number; logs: number };
  /** Null while the source loads: timers set at its top level wait for it. */
  sandbox: Sandbox | null;
  timers: Map<number, NodeJS.Timeout>;
}

const runs = new Map<string, Running>();
const port = parentPort;

function send(message: FromWorker): void {
  port?.postMessage(message);
}

function reportError(run: string, error: ScriptError): void {
  send({ t: 'error', run, error });
}

/** The guest's requests: timers stay here, the rest go to the engine as JSON text. */
function hostOp(run: string, running: () => Running | undefined) {
  return (op: string, json: string): void => {
    if (op === 'timer' || op === 'cancel') {
      const state = running();
      if (!state) return;
      timerOp(run, state, op, json);
      return;
    }
    if (!FORWARDED.has(op)) return;
    const state = running();
    if (state && !withinCallBudget(state, op)) return;
    send({ t: 'op', run, op: op as ScriptOp, json });
  };
}

function withinCallBudget(state: Running, op: string): boolean {
  const { counts } = state;
  if (op === 'log') return ++counts.logs <= MAX_LOGS_PER_CALL;
  if (op === 'publish' || op === 'subscribe') return ++counts.publishes <= MAX_PUBLISHES_PER_CALL;
  return true;
}

/** Said once per call, after its requests: the engine has them all by then. */
function reportDropped(run: string, state: Running): void {
  const { publishes, logs } = state.counts;
  if (publishes <= MAX_PUBLISHES_PER_CALL && logs <= MAX_LOGS_PER_CALL) return;
  reportError(
    run,
    scriptFailure('scripts.error.callLimits', { publishes: MAX_PUBLISHES_PER_CALL, logs: MAX_LOGS_PER_CALL }),
  );
}

/** Runs one call of a loaded script with a fresh request budget. */
function callRun(run: string, state: Running, kind: 'on' | 'timer', id: number, json: string) {
  state.counts = { publishes: 0, logs: 0 };
  const result = state.sandbox?.call(kind, id, json);
  reportDropped(run, state);
  return result;
}

function timerOp(run: string, state: Running, op: string, json: string): void {
  let spec: { id?: unknown; ms?: unknown; repeat?: unknown };
  try {
    spec = JSON.parse(json) as typeof spec;
  } catch {
    return;
  }
  const id = typeof spec.id === 'number' ? spec.id : -1;
  if (op === 'cancel') {
    clearTimeout(state.timers.get(id));
    state.timers.delete(id);
    return;
  }
  if (state.timers.size >= MAX_TIMERS) {
    reportError(run, scriptFailure('scripts.error.timers', { max: MAX_TIMERS }));
    return;
  }
  const ms = Math.max(MIN_TIMER_MS, typeof spec.ms === 'number' && Number.isFinite(spec.ms) ? spec.ms : 0);
  const repeat = spec.repeat === true;
  const fire = () => {
    if (!repeat) state.timers.delete(id);
    const result = callRun(run, state, 'timer', id, repeat ? '' : '{"once":true}');
    if (result && !result.ok) reportError(run, result.error);
  };
  state.timers.set(id, repeat ? setInterval(fire, ms) : setTimeout(fire, ms));
}

function unload(run: string): void {
  const state = runs.get(run);
  if (!state) return;
  runs.delete(run);
  for (const timer of state.timers.values()) clearTimeout(timer);
  state.sandbox?.dispose();
}

async function load(
  run: string,
  source: string,
  env: Record<string, string>,
  limits: Partial<SandboxLimits> = {},
): Promise<void> {
  unload(run);
  // The sandbox calls back while its source loads, before `created` exists.
  const state: Running = { sandbox: null, timers: new Map(), counts: { publishes: 0, logs: 0 } };
  const created = await Sandbox.create(
    source,
    hostOp(run, () => state),
    { ...DEFAULT_LIMITS, ...limits },
    env,
  );
  if (!created.ok) {
    for (const timer of state.timers.values()) clearTimeout(timer);
    send({ t: 'loaded', run, error: created.error });
    return;
  }
  reportDropped(run, state);
  state.sandbox = created.sandbox;
  runs.set(run, state);
  send({ t: 'loaded', run });
}

async function transform(
  req: number,
  source: string,
  messages: (WireMessage | null)[],
  budgetMs: number,
): Promise<void> {
  const created = await Sandbox.create(source, () => undefined);
  if (!created.ok) {
    const failed = created.error;
    send({ t: 'transformed', req, results: messages.map(() => ({ ok: false, error: failed })) });
    return;
  }
  const { sandbox } = created;
  const results: CallOutcome[] = [];
  const until = Date.now() + budgetMs;
  try {
    for (const message of messages) {
      if (!message) {
        results.push({ ok: false, error: scriptFailure('scripts.error.gone') });
      } else if (Date.now() > until) {
        results.push({
          ok: false,
          error: scriptFailure('scripts.error.budget', { ms: budgetMs }, { limit: 'time' }),
        });
      } else {
        const result = sandbox.call('transform', 0, JSON.stringify(message));
        results.push(
          result.ok && result.json.length > MAX_VALUE_CHARS
            ? {
                ok: false,
                error: scriptFailure('scripts.error.valueTooLarge', { kb: MAX_VALUE_CHARS / 1024 }),
              }
            : result,
        );
      }
    }
  } finally {
    sandbox.dispose();
  }
  send({ t: 'transformed', req, results });
}

function deliver(run: string, items: Delivery[]): void {
  for (const { handlers, message } of items) {
    // Looked up per message: the run may have been unloaded meanwhile.
    const state = runs.get(run);
    if (!state?.sandbox) return;
    const json = JSON.stringify(message);
    for (const index of handlers) {
      const result = callRun(run, state, 'on', index, json);
      if (result && !result.ok) reportError(run, result.error);
    }
  }
}

port?.on('message', (message: ToWorker) => {
  switch (message.t) {
    case 'load':
      void load(message.run, message.source, message.env, message.limits);
      break;
    case 'deliver':
      deliver(message.run, message.items);
      break;
    case 'unload':
      unload(message.run);
      break;
    case 'transform':
      void transform(message.req, message.source, message.messages, message.budgetMs);
      break;
  }
});
