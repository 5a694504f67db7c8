/**
 * Issue 14 #2: every broker-check statement is an engine key whose English is the statement
 * the check states (so the CLI and the Markdown report keep their words) and which has a
 * Chinese sentence with the same parameters.
 */
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../electron/engine/check/catalog';
import { english } from '../../electron/engine/text/english';
import { allEngineKeys, text, type EngineKey } from '../../electron/engine/text/keys';
import zhCN from '../../src/i18n/locales/zh-CN/engine.json';

type Tree = { [key: string]: string | Tree };

describe('broker-check statements (Issue 14 #2)', () => {
  it.each(ALL_CHECKS.map((def) => [def.id, def] as const))('%s is keyed in both languages', (id, def) => {
    const key = `check.statement.${id}`;
    expect(allEngineKeys().has(key)).toBe(true);
    expect(english(text(key as EngineKey, def.statementParams ?? {}))).toBe(def.statement);
    const chinese = key.split('.').reduce<unknown>((node, part) => (node as Tree | undefined)?.[part], zhCN);
    expect(typeof chinese).toBe('string');
    const placeholders = (s: string) =>
      [...new Set([...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort();
    expect(placeholders(chinese as string)).toEqual(Object.keys(def.statementParams ?? {}).sort());
  });
});
