/**
 * The one sandbox a user script runs in: a QuickJS runtime compiled to WebAssembly, with its
 * own heap. Nothing of Node reaches it: no host object is ever handed in, only two functions
 * that take and give JSON text (see prelude.ts), so a script cannot touch the engine's
 * objects, let alone pollute their prototypes. Limits: memory per runtime, stack depth, and
 * a deadline per call enforced by QuickJS's interrupt handler.
 */
import variant from '@jitl/quickjs-wasmfile-release-sync';
import {
  newQuickJSWASMModuleFromVariant,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import type { ScriptError } from '../../contract';
import { PRELUDE, PRELUDE_FILE, SCRIPT_FILE } from './prelude';
import { scriptFailure } from './script-error';

export interface SandboxLimits {
  /** Bytes the script's runtime may allocate. */
  memoryBytes: number;
  /** Bytes of C stack: deep recursion stops here. */
  stackBytes: number;
  /** Milliseconds one call (loading the source, a handler, a timer) may run. */
  callMs: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  memoryBytes: 32 * 1024 * 1024,
  stackBytes: 256 * 1024,
  callMs: 100,
};

/** What the guest asks of the engine: an operation and its argument, as JSON text. */
export type HostOp = (op: string, json: string) => void;

export type CallResult = { ok: true; json: string } | { ok: false; error: ScriptError };

let quickjs: Promise<QuickJSWASMModule> | null = null;
const PRELUDE_MS = 5000;

/** The WebAssembly module, loaded once per thread (the wasm file is read with fs). */
export function loadQuickJS(): Promise<QuickJSWASMModule> {
  quickjs ??= newQuickJSWASMModuleFromVariant(variant);
  return quickjs;
}

const LINE = new RegExp(`${SCRIPT_FILE.replace('.', '\\.')}:(\\d+)`);

interface Dumped {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
}

/** QuickJS's error, with the line in the user's source and which limit, if one hit. */
export function scriptError(dumped: unknown, limits: SandboxLimits): ScriptError {
  const d: Dumped = typeof dumped === 'object' && dumped !== null ? (dumped as Dumped) : {};
  const name = typeof d.name === 'string' ? d.name : 'Error';
  const message =
    typeof d.message === 'string' ? d.message : typeof dumped === 'string' ? dumped : String(dumped);
  const stack = typeof d.stack === 'string' ? d.stack : '';
  const lineMatch = LINE.exec(stack) ?? LINE.exec(message);
  const line = lineMatch ? Number(lineMatch[1]) : undefined;
  const out: ScriptError = { message: `${name}: ${message}`, ...(line !== undefined && { line }) };
  if (message === 'interrupted') {
    return scriptFailure('scripts.error.time', { ms: limits.callMs }, { ...out, limit: 'time' });
  }
  if (message === 'out of memory' || /out of memory/i.test(message)) {
    const mb = Math.round(limits.memoryBytes / (1024 * 1024));
    return scriptFailure('scripts.error.memory', { mb }, { ...out, limit: 'memory' });
  }
  if (/stack overflow/i.test(message)) {
    return scriptFailure('scripts.error.stack', {}, { ...out, limit: 'stack' });
  }
  return out;
}

export class Sandbox {
  private deadline = 0;
  private disposed = false;

  private constructor(
    private readonly runtime: QuickJSRuntime,
    private readonly context: QuickJSContext,
    private readonly dispatch: QuickJSHandle,
    readonly limits: SandboxLimits,
  ) {}

  /** A fresh runtime with the prelude and then `source` evaluated in it. */
  static async create(
    source: string,
    hostOp: HostOp,
    limits: SandboxLimits = DEFAULT_LIMITS,
    /** Read-only facts the script may read as the global `env` (JSON only). */
    env: Record<string, string> = {},
  ): Promise<{ ok: true; sandbox: Sandbox } | { ok: false; error: ScriptError }> {
    const module = await loadQuickJS();
    const runtime = module.newRuntime();
    runtime.setMemoryLimit(limits.memoryBytes);
    runtime.setMaxStackSize(limits.stackBytes);
    // import() of anything is refused: a script is the one source the user saved.
    runtime.setModuleLoader(() => ({ error: new Error('Scripts cannot import modules.') }));
    const context = runtime.newContext();
    // The prelude is ours and runs once; the first run in a thread also compiles the wasm.
    const preludeDeadline = Date.now() + PRELUDE_MS;
    runtime.setInterruptHandler(() => Date.now() > preludeDeadline);
    const fail = (error: ScriptError) => {
      context.dispose();
      runtime.dispose();
      return { ok: false as const, error };
    };
    const bridge = context.newFunction('__host', (opHandle, jsonHandle) => {
      // Only strings are read back: a guest object is never walked by engine code.
      hostOp(context.getString(opHandle), context.getString(jsonHandle));
    });
    context.setProp(context.global, '__host', bridge);
    bridge.dispose();
    const envLiteral = JSON.stringify(JSON.stringify(env));
    const prelude = context.evalCode(
      `${PRELUDE}\nObject.defineProperty(globalThis, 'env', { value: Object.freeze(JSON.parse(${envLiteral})) });`,
      PRELUDE_FILE,
    );
    if (prelude.error) {
      const error = scriptError(context.dump(prelude.error), limits);
      prelude.error.dispose();
      return fail(error);
    }
    prelude.value.dispose();
    const dispatch = context.getProp(context.global, '__dispatch');
    context.setProp(context.global, '__dispatch', context.undefined);
    const removed = context.evalCode('delete globalThis.__dispatch;', PRELUDE_FILE);
    if (removed.error) removed.error.dispose();
    else removed.value.dispose();
    const sandbox = new Sandbox(runtime, context, dispatch, limits);
    runtime.setInterruptHandler(() => Date.now() > sandbox.deadline);
    sandbox.deadline = Date.now() + limits.callMs;
    let loaded;
    try {
      loaded = context.evalCode(source, SCRIPT_FILE);
    } catch (error) {
      // The host's own stack ran out inside the wasm before QuickJS's limit did.
      dispatch.dispose();
      return fail({ message: error instanceof Error ? error.message : String(error), limit: 'stack' });
    }
    if (loaded.error) {
      const error = sandbox.errorOf(loaded.error);
      dispatch.dispose();
      return fail(error);
    }
    loaded.value.dispose();
    const jobs = sandbox.runJobs();
    if (jobs) {
      sandbox.dispose();
      return { ok: false, error: jobs };
    }
    return { ok: true, sandbox };
  }

  /** Runs `__dispatch(kind, id, json)` under the call deadline; answers its JSON text. */
  call(kind: 'transform' | 'on' | 'timer' | 'hasTransform', id: number, json: string): CallResult {
    if (this.disposed) return { ok: false, error: scriptFailure('scripts.error.stopped') };
    const { context } = this;
    const args = [context.newString(kind), context.newNumber(id), context.newString(json)];
    this.deadline = Date.now() + this.limits.callMs;
    let result;
    try {
      result = context.callFunction(this.dispatch, context.undefined, ...args);
    } catch (error) {
      // The wasm side itself failed (a limit hit while marshalling): report, do not throw.
      return { ok: false, error: { message: error instanceof Error ? error.message : String(error) } };
    } finally {
      for (const arg of args) arg.dispose();
    }
    if (result.error) return { ok: false, error: this.errorOf(result.error) };
    const text = context.typeof(result.value) === 'string' ? context.getString(result.value) : '';
    result.value.dispose();
    const jobs = this.runJobs();
    return jobs ? { ok: false, error: jobs } : { ok: true, json: text };
  }

  /** Promise reactions the call queued (async handlers), under the same deadline. */
  private runJobs(): ScriptError | null {
    try {
      if (!this.runtime.hasPendingJob()) return null;
      const jobs = this.runtime.executePendingJobs();
      if (jobs.error) return this.errorOf(jobs.error);
      return null;
    } catch (error) {
      return { message: error instanceof Error ? error.message : String(error), limit: 'stack' };
    }
  }

  private errorOf(handle: QuickJSHandle): ScriptError {
    let dumped: unknown;
    try {
      dumped = this.context.dump(handle);
    } catch {
      dumped = { message: 'out of memory' };
    } finally {
      handle.dispose();
    }
    return scriptError(dumped, this.limits);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.dispatch.dispose();
    this.context.dispose();
    this.runtime.dispose();
  }
}
