// Issue 14 #2: a key missing in either language, or used in src/ but absent, fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/locales/en';
import zhCN from '../../src/i18n/locales/zh-CN';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
/** The key a t() call names: plural forms share one. */
const base = (key: string) => key.replace(PLURAL_SUFFIX, '');
const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}|<(\w+)>/g)].map((m) => m[1] ?? `<${m[2]}>`).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const english = flatten(en as Tree);
const chinese = flatten(zhCN as Tree);

describe('translations', () => {
  it('have the same keys in English and Chinese', () => {
    const onlyEn = [...english.keys()].filter((k) => !chinese.has(k));
    const onlyZh = [...chinese.keys()].filter((k) => !english.has(k));
    expect(onlyEn, 'keys missing in zh-CN').toEqual([]);
    expect(onlyZh, 'keys missing in en').toEqual([]);
  });

  it('leave no text empty and keep every placeholder and tag in both languages', () => {
    for (const [key, text] of english) {
      const other = chinese.get(key) ?? '';
      expect(text.trim(), key).not.toBe('');
      expect(other.trim(), key).not.toBe('');
      // Chinese has one plural form: its _other carries what English splits over _one/_other.
      if (!PLURAL_SUFFIX.test(key)) expect(placeholders(other), key).toEqual(placeholders(text));
    }
  });

  it('define every key that src/ names literally', () => {
    const known = new Set([...english.keys()].flatMap((k) => [k, base(k)]));
    const used = new Map<string, string>();
    const call = /\bt\(\s*'([^'$]+)'|i18nKey="([^"]+)"/g;
    for (const file of sourceFiles(join(__dirname, '../../src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(call)) used.set(m[1] ?? m[2] ?? '', file);
    }
    expect(used.size).toBeGreaterThan(10);
    const missing = [...used].filter(([key]) => !known.has(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});
