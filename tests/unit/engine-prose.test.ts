/**
 * Issue 14 #2: the engine sends no English prose. Every sentence it raises is a key of the
 * one table (electron/engine/text/keys.ts) with parameters, present in both languages; every
 * error envelope the dispatcher answers carries such a key, invalid inputs included.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requestNames, type RequestError, type RequestHandlers } from '../../electron/contract';
import { EngineError } from '../../electron/engine/errors';
import { allEngineKeys, text } from '../../electron/engine/text/keys';
import { createDispatch } from '../../electron/host/dispatch';
import en from '../../src/i18n/locales/en/engine.json';
import zhCN from '../../src/i18n/locales/zh-CN/engine.json';

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

const ROOT = join(__dirname, '../..');
/** Where engine sentences are raised: the engine, its codecs, the contract, both hosts' glue. */
const SOURCES = ['electron/engine', 'electron/codecs', 'electron/contract', 'electron/host', 'electron/main'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

const files = SOURCES.flatMap((dir) => sourceFiles(join(ROOT, dir))).map((path) => ({
  name: relative(ROOT, path),
  source: readFileSync(path, 'utf8'),
}));

/** The text of each `new EngineError(` call's arguments, up to its closing parenthesis. */
function engineErrorCalls(source: string): string[] {
  const calls: string[] = [];
  for (const match of source.matchAll(/new EngineError\(/g)) {
    let depth = 1;
    let at = (match.index ?? 0) + match[0].length;
    const start = at;
    while (at < source.length && depth > 0) {
      const ch = source[at];
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      at++;
    }
    calls.push(source.slice(start, at - 1));
  }
  return calls;
}

describe('the engine sends keys, not prose (Issue 14 #2)', () => {
  const keys = allEngineKeys();

  it('scans the engine sources (the scan itself finds what it looks for)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((f) => engineErrorCalls(f.source)).length).toBeGreaterThan(60);
    // The check below would catch the old shape:
    expect(engineErrorCalls("throw new EngineError('not-found', `There is no ${x}.`);")).toEqual([
      "'not-found', `There is no ${x}.`",
    ]);
  });

  it('raises no EngineError with a sentence written in place (a string or template literal)', () => {
    const prose: string[] = [];
    for (const { name, source } of files) {
      for (const args of engineErrorCalls(source)) {
        // The second argument: after the error code, a quote or backtick starts prose.
        const message = args.replace(/^\s*[^,]+,\s*/, '');
        if (/^['"`]/.test(message) || /['"`]\s*\+|\+\s*['"`]/.test(message)) prose.push(`${name}: ${args}`);
      }
    }
    expect(prose).toEqual([]);
  });

  it('gives the validation rules of the contract keys, not English messages', () => {
    const prose: string[] = [];
    const patterns = [
      /\.(?:min|max|length|regex|startsWith|endsWith|includes|refine)\((?:[^()]|\([^()]*\))*?,\s*'([A-Z][^']*)'/g,
      /\bmessage: '([A-Z][^']*)'/g,
    ];
    for (const { name, source } of files.filter((f) => f.name.startsWith('electron/contract'))) {
      for (const pattern of patterns) {
        for (const match of source.matchAll(pattern)) prose.push(`${name}: ${match[1]}`);
      }
    }
    expect(prose).toEqual([]);
    // The pattern finds the old shape.
    const [checks] = patterns;
    if (!checks) throw new Error('no pattern');
    expect([..."z.string().startsWith('/', 'A path starts with a slash.')".matchAll(checks)]).toHaveLength(1);
  });

  it('uses only keys of the table, each worded in English and Chinese', () => {
    // text('…') and its local alias say('…'), the contract's problem('…') and { key: '…' },
    // and the contract's validation rules ('input.rule.…' in place of a zod message).
    const used = new Map<string, string>();
    const patterns = [
      /\b(?:text|say|problem)\('((?:\w+\.)+\w+)'/g,
      /\bkey: '((?:\w+\.)+\w+)'/g,
      /'(input\.rule\.\w+)'/g,
    ];
    for (const { name, source } of files) {
      for (const pattern of patterns) {
        // `key:` names a sentence in the contract only (the engine's tables use it for fields).
        if (pattern === patterns[1] && !name.startsWith('electron/contract')) continue;
        for (const match of source.matchAll(pattern)) used.set(match[1] ?? '', name);
      }
    }
    expect(used.size).toBeGreaterThan(150);
    expect([...used.keys()].filter((k) => k.startsWith('input.rule.')).length).toBeGreaterThan(10);
    const missing = [...used]
      .filter(([key]) => !keys.has(key) || !lookup(en as Tree, key) || !lookup(zhCN as Tree, key))
      .map(([key, file]) => `${file}: ${key}`);
    expect(missing).toEqual([]);
  });

  it('answers every failed request with a key of the table, invalid inputs included', async () => {
    const handlers = Object.fromEntries(
      requestNames.map((name) => [
        name,
        async () => {
          if (name === 'connection.close')
            throw new EngineError('not-found', text('request.noConnection', { id: 'c' }));
          if (name === 'connection.list') throw new Error('Connection closed');
          if (name === 'app.info') throw { weird: true };
          return {};
        },
      ]),
    ) as unknown as RequestHandlers;
    const dispatch = createDispatch(handlers);
    const inputs: [unknown, unknown][] = [
      ['no.such.request', {}],
      ['connection.close', { connectionId: 'c' }],
      ['connection.list', {}],
      ['app.info', {}],
      ['connection.open', { transport: 'mqtt', host: 'mqtt://broker', port: 0 }],
      ['connection.open', { transport: 'carrier-pigeon', host: 'h', port: 1883 }],
      ['connection.open', 'a string'],
      ['connection.list', { extra: 1 }],
      ['subscription.add', { connectionId: 'c', filter: 'a/#/b' }],
      ['subscription.add', { connectionId: 'c', filter: 'a+' }],
      ['subscription.add', { connectionId: '', filter: '' }],
      ['message.publish', { connectionId: 'c', topic: 'a/+', payload: '' }],
      ['message.publish', { connectionId: 'c', topic: 't', payload: '', qos: 3 }],
      ['profiles.save', { name: '' }],
    ];
    const errors: RequestError[] = [];
    for (const [name, input] of inputs) {
      const envelope = await dispatch(name, input);
      expect(envelope.ok, String(name)).toBe(false);
      if (!envelope.ok) errors.push(envelope.error);
    }
    const texts = errors.flatMap((e) => [e.text, ...(e.issues ?? []).map((i) => i.text)]);
    for (const said of texts) {
      expect(said, JSON.stringify(errors)).toBeDefined();
      expect(keys.has(said?.key ?? ''), said?.key).toBe(true);
      expect(lookup(zhCN as Tree, said?.key ?? ''), said?.key).toBeTypeOf('string');
    }
    // zod's kinds arrive as parameters: what was expected and what came.
    const keysSent = texts.map((t) => t?.key);
    expect(keysSent).toEqual(expect.arrayContaining(['input.type', 'input.value', 'input.unrecognizedKeys']));
    expect(keysSent).toEqual(
      expect.arrayContaining(['topic.hashLast', 'topic.plusLevel', 'topic.noWildcards']),
    );
    expect(keysSent).toEqual(expect.arrayContaining(['input.rule.hostShape', 'input.rule.portRange']));
    const wrongKind = texts.find((t) => t?.key === 'input.type');
    expect(wrongKind?.params).toMatchObject({ expected: expect.any(String), received: expect.any(String) });
  });
});
