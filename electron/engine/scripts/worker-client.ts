import { Worker } from 'node:worker_threads';
import type { ScriptError } from '../../contract';
import type { SandboxLimits } from './sandbox';
import type { CallOutcome, Delivery, FromWorker, ScriptOp, ToWorker, WireMessage } from './protocol';
import { scriptFailure } from './script-error';

/** Where the worker's built file is, and how to start it (tests add a TypeScript loader). */
export interface WorkerSpec {
  file: string;
  execArgv?: string[];
}

export interface WorkerEvents {
  onOp(run: string, op: ScriptOp, json: string): void;
  onError(run: string, error: ScriptError): void;
  /** The worker died (a crash, not a script error): every run in it is gone. */
  onExit(detail: string): void;
}

/** Longest a load may take (the first one compiles the wasm) before it is reported failed. */
const LOAD_TIMEOUT_MS = 15_000;
/** A transform's time for the whole request; messages past it are answered "not run". */
export const TRANSFORM_BUDGET_MS = 2_000;

/**
 * The engine's side of the script worker: started on first use, restarted on the next use
 * after it dies. Every pending load and transform is answered on every path (answer,
 * timeout, worker exit).
 */
export class ScriptWorker {
  private worker: Worker | null = null;
  private readonly loads = new Map<string, (error: ScriptError | null) => void>();
  private readonly transforms = new Map<number, (results: CallOutcome[] | ScriptError) => void>();
  private nextReq = 1;

  constructor(
    private readonly spec: WorkerSpec,
    private readonly events: WorkerEvents,
  ) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.spec.file, {
      ...(this.spec.execArgv && { execArgv: this.spec.execArgv }),
      // Scripts have no use for Node's environment.
      env: {},
    });
    worker.unref();
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    const died = (detail: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const error = scriptFailure('scripts.error.workerStopped', { detail });
      for (const settle of this.loads.values()) settle(error);
      this.loads.clear();
      for (const settle of this.transforms.values()) settle(error);
      this.transforms.clear();
      this.events.onExit(detail);
    };
    worker.on('error', (error) => died(error.message));
    worker.on('exit', (code) => died(`exit ${code}`));
    this.worker = worker;
    return worker;
  }

  private post(message: ToWorker): void {
    this.ensure().postMessage(message);
  }

  private onMessage(message: FromWorker): void {
    switch (message.t) {
      case 'loaded': {
        const settle = this.loads.get(message.run);
        this.loads.delete(message.run);
        settle?.(message.error ?? null);
        break;
      }
      case 'transformed': {
        const settle = this.transforms.get(message.req);
        this.transforms.delete(message.req);
        settle?.(message.results);
        break;
      }
      case 'op':
        this.events.onOp(message.run, message.op, message.json);
        break;
      case 'error':
        this.events.onError(message.run, message.error);
        break;
    }
  }

  /** Loads (or reloads) a run's script; answers its load error, or null. */
  load(
    run: string,
    source: string,
    env: Record<string, string>,
    /** The defaults (32 MB, 100 ms per call) when left out. */
    limits?: Partial<SandboxLimits>,
  ): Promise<ScriptError | null> {
    this.loads.get(run)?.(scriptFailure('scripts.error.replaced'));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.loads.delete(run);
        resolve(scriptFailure('scripts.error.startTimeout', { seconds: LOAD_TIMEOUT_MS / 1000 }));
      }, LOAD_TIMEOUT_MS);
      this.loads.set(run, (error) => {
        clearTimeout(timer);
        resolve(error);
      });
      this.post({ t: 'load', run, source, env, ...(limits && { limits }) });
    });
  }

  deliver(run: string, items: Delivery[]): void {
    this.worker?.postMessage({ t: 'deliver', run, items } satisfies ToWorker);
  }

  unload(run: string): void {
    this.worker?.postMessage({ t: 'unload', run } satisfies ToWorker);
  }

  transform(source: string, messages: (WireMessage | null)[]): Promise<CallOutcome[] | ScriptError> {
    const req = this.nextReq++;
    return new Promise((resolve) => {
      // The worker answers within its budget plus one call's limit; the margin covers a load.
      const timer = setTimeout(() => {
        this.transforms.delete(req);
        resolve(scriptFailure('scripts.error.noAnswerInTime', {}, { limit: 'time' }));
      }, TRANSFORM_BUDGET_MS + LOAD_TIMEOUT_MS);
      this.transforms.set(req, (results) => {
        clearTimeout(timer);
        resolve(results);
      });
      this.post({ t: 'transform', req, source, messages, budgetMs: TRANSFORM_BUDGET_MS });
    });
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    const error = scriptFailure('scripts.error.workerShutDown');
    for (const settle of this.loads.values()) settle(error);
    this.loads.clear();
    for (const settle of this.transforms.values()) settle(error);
    this.transforms.clear();
    if (worker) await worker.terminate();
  }
}
