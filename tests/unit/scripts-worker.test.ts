/**
 * Issue 16 part 3 (Scripts): the engine's side of the script worker. Every load and
 * transform is answered, also when the worker cannot start or dies, and it is started again
 * on the next use.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ScriptWorker } from '../../electron/engine/scripts/worker-client';
import { SCRIPTS_WORKER } from '../support/scripts-worker';

const message = { topic: 't', payload: '{"n":2}', bytes: 'eyJuIjoyfQ==', qos: 0 as const, retain: false };

describe('script worker client', () => {
  // Scripts #18: a worker that cannot start answers every pending request with a reason.
  it('answers loads and transforms when the worker file is missing', async () => {
    const exits: string[] = [];
    const worker = new ScriptWorker(
      { file: join(mkdtempSync(join(tmpdir(), 'mqscope-worker-')), 'missing.js') },
      { onOp: () => undefined, onError: () => undefined, onExit: (detail) => exits.push(detail) },
    );
    const [loaded, transformed] = await Promise.all([
      worker.load('r1', 'on("#", () => {})', {}),
      worker.transform('transform((m) => 1)', [message]),
    ]);
    expect(loaded?.text?.key).toBe('scripts.error.workerStopped');
    expect(transformed).toMatchObject({ text: { key: 'scripts.error.workerStopped' } });
    expect(exits).toHaveLength(1);
    await worker.dispose();
  });

  // Scripts #19: a worker that dies is replaced on the next request.
  it('starts a new worker after one dies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqscope-worker-'));
    const dying = join(dir, 'dying.mjs');
    writeFileSync(
      dying,
      "import { parentPort } from 'node:worker_threads';\nparentPort.once('message', () => process.exit(3));\n",
    );
    const exits: string[] = [];
    const spec = { file: dying };
    const worker = new ScriptWorker(spec, {
      onOp: () => undefined,
      onError: () => undefined,
      onExit: (detail) => exits.push(detail),
    });
    expect(await worker.load('r1', '', {})).toMatchObject({
      text: { key: 'scripts.error.workerStopped', params: { detail: 'exit 3' } },
    });
    expect(exits).toEqual(['exit 3']);
    // The real worker, through the same client, after swapping the file it starts.
    Object.assign(spec, SCRIPTS_WORKER);
    expect(await worker.transform('transform((m) => m.json.n * 21)', [message])).toEqual([
      { ok: true, json: '42' },
    ]);
    await worker.dispose();
  }, 30_000);

  // Scripts #21: a script that logs and publishes in a loop cannot flood the engine's thread.
  it('caps what one call may publish and log', async () => {
    const ops: string[] = [];
    const errors: string[] = [];
    const worker = new ScriptWorker(SCRIPTS_WORKER, {
      onOp: (_run, op) => ops.push(op),
      onError: (_run, error) => errors.push(error.text?.key ?? error.message),
      onExit: () => undefined,
    });
    const source =
      "on('#', () => {\n  for (let i = 0; i < 5000; i++) {\n    log(i);\n    publish('t', i);\n  }\n});";
    // Time enough that the caps, not the deadline, end the call on a loaded machine.
    expect(await worker.load('flood', source, {}, { callMs: 20_000 })).toBeNull();
    worker.deliver('flood', [{ handlers: [0], message }]);
    await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 10_000, interval: 20 });
    // The worker sends the ops before the error it reports after them.
    expect(ops.filter((op) => op === 'log')).toHaveLength(200);
    expect(ops.filter((op) => op === 'publish')).toHaveLength(1000);
    expect(errors[0]).toBe('scripts.error.callLimits');
    await worker.dispose();
  }, 30_000);
});
