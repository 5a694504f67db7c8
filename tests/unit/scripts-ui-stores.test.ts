// Scripts view (issue 16 part 3): the console store keeps each script's lines bounded and
// without duplicates; the drafts store marks exactly what differs from the saved script.
import { describe, expect, it } from 'vitest';
import { CONSOLE_RING, type ConsoleLine, type Script } from '../../electron/contract';
import { consoleStore } from '../../src/scripts/console-lines';
import { dropEdit, editOf, isDirty, setEdit } from '../../src/scripts/script-drafts';

const line = (n: number, level: ConsoleLine['level'] = 'log'): ConsoleLine => ({
  n,
  at: 1_700_000_000_000 + n,
  level,
  text: `line ${n}`,
});

describe('script console store (Scripts UI #console)', () => {
  it('keeps the newest CONSOLE_RING lines of a script, oldest dropped first', () => {
    const lines = Array.from({ length: CONSOLE_RING + 25 }, (_, i) => line(i + 1));
    consoleStore.add('ring', lines.slice(0, 300));
    consoleStore.add('ring', lines.slice(300));
    const kept = consoleStore.get('ring');
    expect(kept).toHaveLength(CONSOLE_RING);
    expect(kept[0]?.n).toBe(26);
    expect(kept.at(-1)?.n).toBe(CONSOLE_RING + 25);
  });

  it('adds a fetch and a push that overlap only once, and tells listeners only of news', () => {
    let told = 0;
    const stop = consoleStore.subscribe(() => told++);
    consoleStore.add('overlap', [line(1), line(2), line(3)]);
    consoleStore.add('overlap', [line(2), line(3), line(4, 'error')]);
    consoleStore.add('overlap', [line(3)]);
    stop();
    expect(consoleStore.get('overlap').map((l) => l.n)).toEqual([1, 2, 3, 4]);
    expect(told).toBe(2);
  });

  it('starts empty after a clear and keeps the lines that come later; scripts stay apart', () => {
    consoleStore.add('cleared', [line(1), line(2)]);
    consoleStore.add('other', [line(1)]);
    consoleStore.clear('cleared');
    expect(consoleStore.get('cleared')).toEqual([]);
    consoleStore.add('cleared', [line(3)]);
    expect(consoleStore.get('cleared').map((l) => l.n)).toEqual([3]);
    expect(consoleStore.get('other').map((l) => l.n)).toEqual([1]);
    // A script id like "__proto__" is an ordinary key.
    consoleStore.add('__proto__', [line(1)]);
    expect(consoleStore.get('__proto__')).toHaveLength(1);
  });
});

describe('script drafts (Scripts UI #unsaved)', () => {
  const saved: Script = {
    id: 'draft-1',
    name: 'Echo',
    source: "on('a/#', () => {});",
    options: { kind: 'responder', ratePerSecond: 100 },
    updatedAt: 1,
  };

  it('marks a script unsaved while its text or options differ, and clean again when they match', () => {
    expect(isDirty(saved, undefined)).toBe(false);
    setEdit(saved, { source: "on('b/#', () => {});" });
    expect(isDirty(saved, editOf(saved))).toBe(true);
    setEdit(saved, { source: saved.source });
    expect(isDirty(saved, editOf(saved))).toBe(false);
    setEdit(saved, { options: { kind: 'responder', ratePerSecond: 5 } });
    expect(isDirty(saved, editOf(saved))).toBe(true);
    dropEdit(saved.id);
    expect(editOf(saved)).toEqual({ source: saved.source, options: saved.options });
  });
});
