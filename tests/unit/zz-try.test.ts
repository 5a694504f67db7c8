import { it, expect } from 'vitest';
import { Sandbox } from '../../electron/engine/scripts/sandbox';
it('try', async () => {
  const ops: string[] = [];
  const r = await Sandbox.create(`transform((m) => ({ t: m.json.temp * 2, b: m.bytes.length }));\nlog('hi', {a:1});`, (op, j) => ops.push(op + ' ' + j));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const msg = JSON.stringify({ topic: 'a', payload: '{"temp":21}', bytes: Buffer.from('{"temp":21}').toString('base64'), qos: 0, retain: false });
  console.log(r.sandbox.call('transform', 0, msg), ops);
  for (const src of ['let x = 1;\nfoo();', 'while(true){}', 'function f(){return f()+1}; f()', 'let a=[]; while(true) a.push("xxxxxxxxxxxxxxxxxxxx"+a.length)', 'require("fs")', 'globalThis.constructor.constructor("return process")()', 'import("fs")', 'fetch("x")', '\n\nlet = = ;']) {
    const t = Date.now();
    const s = await Sandbox.create(src, () => {});
    console.log(JSON.stringify(src.slice(0,30)), Date.now() - t, s.ok ? 'ok' : s.error);
  }
});
