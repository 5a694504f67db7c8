/**
 * Issue 16 part 3 (Scripts): the QuickJS sandbox on its own. A script reaches nothing of Node,
 * cannot build code from strings, cannot pollute the engine's objects, and every limit (time,
 * stack, memory) stops it with a clear error and a line number.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, Sandbox, type HostOp } from '../../electron/engine/scripts/sandbox';
import type { WireMessage } from '../../electron/engine/scripts/protocol';
import { parsePublish, wireMessage } from '../../electron/engine/scripts/marshal';

const message = (payload: string): string =>
  JSON.stringify(
    wireMessage({ topic: 't/1', payload: new TextEncoder().encode(payload), qos: 1, retain: false }),
  );

async function load(source: string, hostOp: HostOp = () => undefined) {
  return Sandbox.create(source, hostOp);
}

async function loadError(source: string) {
  const result = await load(source);
  if (result.ok) {
    result.sandbox.dispose();
    throw new Error(`expected "${source}" to fail`);
  }
  return result.error;
}

describe('script sandbox', () => {
  // Scripts #6: each way out of the sandbox is refused with a clear error.
  it('refuses 8 escape attempts', async () => {
    expect(await loadError('require("fs")')).toEqual({
      message: "ReferenceError: 'require' is not defined",
      line: 1,
    });
    expect(await loadError('\nprocess.exit(1)')).toEqual({
      message: "ReferenceError: 'process' is not defined",
      line: 2,
    });
    expect((await loadError("globalThis.constructor.constructor('return process')()")).message).toBe(
      'EvalError: Scripts cannot build code from strings (eval, Function).',
    );
    expect((await loadError('fetch("http://127.0.0.1/")')).message).toBe(
      "ReferenceError: 'fetch' is not defined",
    );
    // eval and every Function constructor (plain, async, generator) are refused.
    for (const source of [
      'eval("globalThis")',
      'new Function("return this")()',
      '(async function () {}).constructor("return 1")',
      'Object.getPrototypeOf(function* () {}).constructor("yield 1")',
    ]) {
      expect((await loadError(source)).message).toBe(
        'EvalError: Scripts cannot build code from strings (eval, Function).',
      );
    }
    // import() rejects: the rejection reaches the script's own handler, nothing is loaded.
    const lines: string[] = [];
    const imported = await load(
      "import('fs').then(() => log('loaded'), (e) => log('refused: ' + e.message));",
      (op, json) => {
        if (op === 'log') lines.push((JSON.parse(json) as { text: string }).text);
      },
    );
    expect(imported.ok).toBe(true);
    if (imported.ok) imported.sandbox.dispose();
    expect(lines).toEqual(['refused: Scripts cannot import modules.']);
    // A static import makes the source a module, whose loading is refused the same way.
    expect((await loadError("import fs from 'fs';")).message).toBe('Error: Scripts cannot import modules.');
  });

  // Scripts #7: nothing a script does reaches the engine's prototypes.
  it('cannot pollute the engine’s objects', async () => {
    const result = await load(
      [
        "Object.prototype.polluted = 'yes';",
        "Array.prototype.push = function () { return 'hijacked'; };",
        'transform((m) => JSON.parse(\'{"__proto__": {"polluted": "via result"}, "constructor": 1}\'));',
      ].join('\n'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const answer = result.sandbox.call('transform', 0, message('{"__proto__": {"polluted": "via message"}}'));
    result.sandbox.dispose();
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const value: unknown = JSON.parse(answer.json);
    // The key arrives as an own property, data like any other.
    expect(Object.keys(value as object)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const list: number[] = [];
    list.push(1);
    expect(list).toEqual([1]);
  });

  // Scripts #8: an infinite loop is stopped within the time limit and reported.
  it('stops an infinite loop at its time limit', async () => {
    const result = await load("on('#', () => {\n  for (;;) {}\n});");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const started = performance.now();
    const answer = result.sandbox.call('on', 0, message('x'));
    const took = performance.now() - started;
    expect(answer).toEqual({
      ok: false,
      error: {
        message: 'InternalError: interrupted',
        text: { key: 'scripts.error.time', params: { ms: 100 } },
        line: 1,
        limit: 'time',
      },
    });
    // Stopped at 100 ms, not seconds later (generous for a loaded machine).
    expect(took).toBeGreaterThanOrEqual(99);
    expect(took).toBeLessThan(1000);
    // The script is still usable after an interrupted call.
    expect(result.sandbox.call('on', 0, message('again')).ok).toBe(false);
    result.sandbox.dispose();
  });

  // Scripts #9: deep recursion ends in a stack error, not a crash of the engine's thread.
  it('stops deep recursion', async () => {
    expect(await loadError('function down(n) {\n  return down(n + 1) + 1;\n}\ndown(0);')).toMatchObject({
      text: { key: 'scripts.error.stack', params: {} },
      limit: 'stack',
    });
  });

  // Scripts #10: a memory bomb hits the 32 MB limit; the next sandbox starts clean.
  it('stops a memory bomb at the memory limit', async () => {
    // The time limit is raised so that memory, not time, is what stops it on a loaded machine.
    const bomb = await Sandbox.create(
      "const big = 'x'.repeat(1 << 20);\nconst keep = [];\nwhile (true) keep.push(big + keep.length);",
      () => undefined,
      { ...DEFAULT_LIMITS, callMs: 15_000 },
    );
    expect(bomb.ok).toBe(false);
    const error = bomb.ok ? null : bomb.error;
    expect(error).toMatchObject({
      text: { key: 'scripts.error.memory', params: { mb: 32 } },
      limit: 'memory',
    });
    const next = await load('transform(() => 1);');
    expect(next.ok).toBe(true);
    if (next.ok) next.sandbox.dispose();
  }, 30_000);

  // Scripts #11: errors name the line in the user's source (not the prelude's).
  it('reports errors with the line in the script', async () => {
    expect(await loadError('const a = 1;\nconst b = ;\n')).toMatchObject({ line: 2 });
    const result = await load('transform((m) => {\n  const v = m.json;\n  return v.temp.celsius;\n});');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.sandbox.call('transform', 0, message('{}'))).toEqual({
      ok: false,
      error: { message: "TypeError: cannot read property 'celsius' of undefined", line: 3 },
    });
    result.sandbox.dispose();
  });

  // Scripts #12: the API marshals messages in and publishes out as JSON, validated by the engine.
  it('marshals messages and publishes across the boundary', async () => {
    const ops: { op: string; json: string }[] = [];
    const result = await load(
      [
        "on('#', (m) => publish('out/' + m.topic, m.bytes, {",
        '  qos: 1,',
        '  properties: { correlationData: m.properties.correlationData, responseTopic: "r/1" },',
        '}));',
      ].join('\n'),
      (op, json) => ops.push({ op, json }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const wire: WireMessage = wireMessage({
      topic: 'in',
      payload: new Uint8Array([0, 255, 7]),
      qos: 0,
      retain: false,
      properties: { correlationData: new Uint8Array([1, 2, 3]) },
    });
    expect(result.sandbox.call('on', 0, JSON.stringify(wire)).ok).toBe(true);
    result.sandbox.dispose();
    const publish = ops.find((o) => o.op === 'publish');
    const parsed = parsePublish(publish?.json ?? '');
    expect(parsed).toEqual({
      ok: true,
      value: {
        topic: 'out/in',
        payload: new Uint8Array([0, 255, 7]),
        qos: 1,
        retain: false,
        properties: { responseTopic: 'r/1', correlationData: new Uint8Array([1, 2, 3]) },
      },
    });
    // What a script sends is checked like any input: a wildcard topic is refused.
    expect(
      parsePublish(JSON.stringify({ topic: 'a/#', payload: { text: '' }, qos: 0, retain: false })),
    ).toMatchObject({
      ok: false,
    });
  });
});
