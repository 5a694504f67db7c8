/**
 * The script worker: a worker_thread that holds every running script's sandbox and their
 * timers, so a script that spins until its deadline stalls this thread, never the engine's
 * sockets. Built as its own entry (out/main/scripts-worker.cjs, out/web/scripts-worker.js).
 */
import { parentPort } from 'node:worker_threads';
import type { ScriptError } from '../../contract';
import type { CallOutcome, FromWorker, ScriptOp, ToWorker, WireMessage } from './protocol';
import { Sandbox } from './sandbox';

const MIN_TIMER_MS = 10;
const MAX_TIMERS = 100;
const FORWARDED: ReadonlySet<string> = new Set<ScriptOp>(['publish', 'subscribe', 'log', 'on']);

interface Running {
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
    if (FORWARDED.has(op)) send({ t: 'op', run, op: op as ScriptOp, json });
  };
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
    reportError(run, { message: `A script may keep at most ${MAX_TIMERS} timers.` });
    return;
  }
  const ms = Math.max(MIN_TIMER_MS, typeof spec.ms === 'number' && Number.isFinite(spec.ms) ? spec.ms : 0);
  const repeat = spec.repeat === true;
  const fire = () => {
    if (!repeat) state.timers.delete(id);
    const result = state.sandbox?.call('timer', id, repeat ? '' : '{"once":true}');
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

async function load(run: string, source: string, env: Record<string, string>): Promise<void> {
  unload(run);
  // The sandbox calls back while its source loads, before `created` exists.
  const state: Running = { sandbox: null, timers: new Map() };
  const created = await Sandbox.create(
    source,
    hostOp(run, () => state),
    undefined,
    env,
  );
  if (!created.ok) {
    for (const timer of state.timers.values()) clearTimeout(timer);
    send({ t: 'loaded', run, error: created.error });
    return;
  }
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
        results.push({ ok: false, error: { message: 'The message is no longer kept.' } });
      } else if (Date.now() > until) {
        results.push({
          ok: false,
          error: {
            message: `Not run: the transform used its ${budgetMs} ms for this request.`,
            limit: 'time',
          },
        });
      } else {
        results.push(sandbox.call('transform', 0, JSON.stringify(message)));
      }
    }
  } finally {
    sandbox.dispose();
  }
  send({ t: 'transformed', req, results });
}

function deliver(run: string, handlers: number[], message: WireMessage): void {
  const sandbox = runs.get(run)?.sandbox;
  if (!sandbox) return;
  const json = JSON.stringify(message);
  for (const index of handlers) {
    const result = sandbox.call('on', index, json);
    if (!result.ok) reportError(run, result.error);
  }
}

port?.on('message', (message: ToWorker) => {
  switch (message.t) {
    case 'load':
      void load(message.run, message.source, message.env);
      break;
    case 'deliver':
      deliver(message.run, message.handlers, message.message);
      break;
    case 'unload':
      unload(message.run);
      break;
    case 'transform':
      void transform(message.req, message.source, message.messages, message.budgetMs);
      break;
  }
});
