// Issue 14 #2: every sentence the engine can emit is a key in both languages, with the same
// parameters, enumerated from the engine's one table (not listed by hand here).
import { describe, expect, it } from 'vitest';
import { wordEngineText } from '../../electron/contract';
import { english } from '../../electron/engine/text/english';
import { allEngineKeys, text } from '../../electron/engine/text/keys';
import en from '../../src/i18n/locales/en/engine.json';
import zhCN from '../../src/i18n/locales/zh-CN/engine.json';

type Tree = { [key: string]: string | Tree };

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

const placeholders = (sentence: string) =>
  [...sentence.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
/** `nameKey: …` is spliced in as `{{name}}`. */
const spliced = (params: readonly string[]) => params.map((p) => p.replace(/Key$/, '')).sort();

describe('engine texts (Issue 14 #2)', () => {
  const keys = allEngineKeys();

  it('lists every reason code, socket error and fixed sentence', () => {
    expect(keys.size).toBeGreaterThan(150);
    expect(keys.has('reason.x87')).toBe(true);
    expect(keys.has('connackV3.4')).toBe(true);
  });

  it.each([
    ['en', en],
    ['zh-CN', zhCN],
  ])('has every engine key in %s, with only the parameters the engine sends', (_lang, tree) => {
    for (const [key, params] of keys) {
      const sentence = lookup(tree as Tree, key);
      expect(sentence, key).toBeTypeOf('string');
      expect(sentence?.trim(), key).not.toBe('');
      // Every placeholder is a parameter the engine sends (a nested key's own parameters ride along).
      const sent = spliced(params);
      for (const name of placeholders(sentence ?? '')) expect(sent, `${key}: {{${name}}}`).toContain(name);
    }
  });

  it('words a nested reason name in the same language, and never reads a parameter as a key', () => {
    const problem = text('disconnect.said', {
      baseKey: 'reason.x98',
      hex: '0x98',
      said: 'reason.x87 {{hex}}',
    });
    expect(english(problem)).toBe(
      'An administrative action disconnected this client. The broker said: "reason.x87 {{hex}}".',
    );
    const zh = wordEngineText(problem, (key, params) => {
      const sentence = lookup(zhCN as Tree, key) ?? key;
      return sentence.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
    });
    expect(zh).toBe('管理操作断开了该客户端。Broker 的说明：“reason.x87 {{hex}}”。');
  });
});
