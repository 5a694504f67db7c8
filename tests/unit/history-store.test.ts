/** Issue 13, workspace #3: publish history per profile, bounded and persisted. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryEntrySchema, type HistoryEntry } from '../../electron/contract';
import { HistoryStore } from '../../electron/engine/history';
import { HISTORY_FILE } from '../../electron/engine/history/history-file';
import {
  fromStoredEntry,
  toStoredEntry,
  type HistoryEntry as PageEntry,
} from '../../src/publish/publish-history';

function entry(topic: string, payload: HistoryEntry['message']['payload'] = 'hi'): HistoryEntry {
  return {
    at: 1,
    message: { topic, payload, qos: 1, retain: false },
    draft: {
      topic,
      format: 'text',
      text: 'hi',
      qos: 1,
      retain: false,
      properties: {
        contentType: '',
        payloadFormatIndicator: 'unset',
        messageExpiryInterval: '',
        topicAlias: '',
        responseTopic: '',
        correlationData: '',
        correlationFormat: 'text',
        userProperties: [],
      },
    },
    size: 2,
    outcome: 'Acknowledged',
    ok: true,
  };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'mqscope-history-'));

describe('publish history store', () => {
  it('keeps each profile its own history, newest first, bounded, across a restart', async () => {
    const dataDir = tempDir();
    const store = new HistoryStore({ dataDir, limit: 2 });
    await store.append('p1', entry('a'));
    await Promise.all([store.append('p1', entry('b')), store.append('p1', entry('c'))]);
    // An id that would be a prototype key in a plain object is just an id.
    await store.append('__proto__', entry('proto'));
    const again = new HistoryStore({ dataDir, limit: 2 });
    expect((await again.list('p1')).map((e) => e.message.topic)).toEqual(['c', 'b']);
    expect((await again.list('__proto__')).map((e) => e.message.topic)).toEqual(['proto']);
    expect(await again.list('p2')).toEqual([]);
    expect(await again.clear('p1')).toEqual({ removed: 2 });
    expect(await new HistoryStore({ dataDir }).list('p1')).toEqual([]);
  });

  it('keeps bytes (a file payload, correlation data) as bytes', async () => {
    const dataDir = tempDir();
    const bytes = new Uint8Array([0, 1, 254, 255]);
    const sent = entry('bin', { format: 'bytes', bytes });
    sent.message.properties = { correlationData: new Uint8Array([7, 8]) };
    await new HistoryStore({ dataDir }).append('p1', sent);
    const [back] = await new HistoryStore({ dataDir }).list('p1');
    expect(back?.message.payload).toEqual({ format: 'bytes', bytes });
    expect(back?.message.properties?.correlationData).toEqual(new Uint8Array([7, 8]));
  });

  it('sets an unreadable file aside instead of overwriting it', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, HISTORY_FILE), '{"version": 1, "profiles": [["p1", [{"at": "x"}]]]}');
    const store = new HistoryStore({ dataDir });
    expect(await store.list('p1')).toEqual([]);
    const aside = readdirSync(dataDir).find((name) => name.startsWith(`${HISTORY_FILE}.bad-`));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dataDir, aside ?? ''), 'utf8')).toContain('"at": "x"');
    await store.append('p1', entry('after'));
    expect((await new HistoryStore({ dataDir }).list('p1')).map((e) => e.message.topic)).toEqual(['after']);
  });
});

describe('history entries between the page and the host', () => {
  it('a picked file is kept as its name; its bytes come back from the payload', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const sent = entry('file', { format: 'bytes', bytes });
    const page: PageEntry = {
      ...sent,
      id: 9,
      draft: { ...sent.draft, format: 'file', file: { name: 'fw.bin', bytes: new Uint8Array(bytes) } },
    };
    const stored = toStoredEntry(page);
    expect(stored.draft).not.toHaveProperty('file');
    expect(stored.draft.fileName).toBe('fw.bin');
    expect(HistoryEntrySchema.safeParse(stored).success).toBe(true);
    expect(fromStoredEntry(stored, 9)).toEqual(page);
  });
});
