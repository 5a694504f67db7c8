/**
 * The renderer's pure pieces of the message path: payload decodings for the detail pane,
 * the topic tree model and its flattening, and the list's stream store.
 */
import { describe, expect, it } from 'vitest';
import type { MessageSummary, StreamPollResult, TopicNodeState } from '../../electron/contract';
import { decodeUtf8, firstInvalidUtf8, hexLine, parseJson, toBase64 } from '../../src/inspector/decode';
import { StreamStore } from '../../src/messages/stream-store';
import { flattenTree } from '../../src/topics/flatten';
import { TopicStore } from '../../src/topics/topic-store';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('payload decodings', () => {
  it('finds the first byte that breaks UTF-8', () => {
    expect(firstInvalidUtf8(new TextEncoder().encode('héllo €𝄞'))).toBe(-1);
    expect(firstInvalidUtf8(bytes(0x41, 0x42, 0xff))).toBe(2);
    expect(firstInvalidUtf8(bytes(0x41, 0xc3))).toBe(1); // cut in the middle of a character
    expect(firstInvalidUtf8(bytes(0xc0, 0x80))).toBe(0); // overlong NUL
    expect(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80))).toBe(0); // a UTF-16 surrogate
    expect(decodeUtf8(bytes(0x7b, 0xff))).toMatchObject({ valid: false, offset: 1 });
  });

  it('reads objects, arrays and strings as JSON, and leaves bare numbers as text', () => {
    expect(parseJson('{"a":[1,2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(parseJson('42')).toEqual({ ok: false });
    expect(parseJson('{broken')).toEqual({ ok: false });
  });

  it('writes hex lines with offsets and printable ASCII, and base64', () => {
    const data = new TextEncoder().encode('0123456789abcdefXY');
    expect(hexLine(data, 0)).toEqual({
      offset: '00000000',
      hex: '30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66',
      ascii: '0123456789abcdef',
    });
    expect(hexLine(data, 16)).toMatchObject({ offset: '00000010', hex: '58 59', ascii: 'XY' });
    expect(hexLine(bytes(0x00, 0x41), 0).ascii).toBe('.A');
    expect(toBase64(bytes(0xff, 0x00, 0x41))).toBe('/wBB');
  });
});

function state(path: string, total: number, rateAt = 0): TopicNodeState {
  return { path, messages: total, total, retained: false, retainedBelow: 0, rate: 0, rateTotal: 0, rateAt };
}

describe('TopicStore and flattenTree', () => {
  it('builds levels from paths, parents before children, and reports new nodes once', () => {
    const store = new TopicStore();
    const added: string[] = [];
    store.onNodesAdded((nodes) => added.push(...nodes.map((n) => n.path)));
    store.apply([state('a/b/c', 1), state('a/b', 1), state('a', 1)]);
    store.apply([state('a/b/c', 2)]);
    expect(added).toEqual(['a', 'a/b', 'a/b/c']);
    expect(store.find('a/b/c')?.state?.total).toBe(2);
    expect(store.find('a/b/c')?.depth).toBe(2);
  });

  it('flattens expanded nodes depth-first, sorted by name (numbers in order), count or recency', () => {
    const store = new TopicStore();
    store.apply([
      state('r/10', 1, 30),
      state('r/9', 5, 10),
      state('r/2', 3, 20),
      state('r', 9),
      state('s', 1),
    ]);
    const expanded = new Set(['r']);
    const rows = (sort: 'name' | 'count' | 'recent') =>
      flattenTree(store.root, { sort, isExpanded: (n) => expanded.has(n.path), visible: null }).map(
        (n) => n.path,
      );
    expect(rows('name')).toEqual(['r', 'r/2', 'r/9', 'r/10', 's']);
    expect(rows('count')).toEqual(['r', 'r/9', 'r/2', 'r/10', 's']);
    expect(rows('recent').slice(1, 4)).toEqual(['r/10', 'r/2', 'r/9']);
    expanded.clear();
    expect(rows('name')).toEqual(['r', 's']);
  });

  it('shows only visible node ids while filtering', () => {
    const store = new TopicStore();
    store.apply([state('a/x', 1), state('a', 1), state('b', 1)]);
    const visible = new Uint8Array(store.size);
    for (const path of ['a', 'a/x']) visible[store.find(path)?.id ?? 0] = 1;
    expect(
      flattenTree(store.root, { sort: 'name', isExpanded: () => true, visible }).map((n) => n.path),
    ).toEqual(['a', 'a/x']);
  });

  // Issue 18 #3: a filter over many siblings sorts the shown ones only (the first filter over
  // 100,000 topics sorted all of them), in the same order, and sorts by count among them.
  it('sorts only the shown children of a node not yet sorted, in name order', () => {
    const store = new TopicStore();
    const many = Array.from({ length: 2000 }, (_, i) => state(`site/${i}`, i % 7, i));
    store.apply([state('site', 1), ...many]);
    const site = store.find('site');
    const visible = new Uint8Array(store.size);
    const shown = ['site', 'site/1200', 'site/12', 'site/120', 'site/1201'];
    for (const path of shown) visible[store.find(path)?.id ?? 0] = 1;
    const rows = (sort: 'name' | 'count') =>
      flattenTree(store.root, { sort, isExpanded: () => true, visible }).map((n) => n.path);
    expect(rows('name')).toEqual(['site', 'site/12', 'site/120', 'site/1200', 'site/1201']);
    expect(site?.byName).toBeNull();
    // Counts 1200 % 7 = 3, 12 % 7 = 5, 120 % 7 = 1, 1201 % 7 = 4.
    expect(rows('count')).toEqual(['site', 'site/12', 'site/1201', 'site/1200', 'site/120']);
    // Unfiltered, the full order is computed once and kept.
    expect(flattenTree(store.root, { sort: 'name', isExpanded: () => true, visible: null })).toHaveLength(
      2001,
    );
    expect(site?.byName).toHaveLength(2000);
  });
});

function summary(seq: number, topic = 't'): MessageSummary {
  return {
    seq,
    topic,
    qos: 0,
    retain: false,
    size: 1,
    preview: bytes(0x41),
    receivedAt: seq,
    hasProperties: false,
  };
}

function poll(over: Partial<StreamPollResult['stats']>, tail: MessageSummary[] = []): StreamPollResult {
  return {
    stats: {
      connectionId: 'c',
      epoch: 1,
      firstSeq: 1,
      lastSeq: 0,
      count: 0,
      bytes: 0,
      totalBytes: 0,
      evicted: 0,
      truncated: 0,
      received: 0,
      topics: 0,
      paused: false,
      limits: { maxMessages: 100, maxBytes: 1 << 20, maxPayloadBytes: 1024, maxTotalBytes: 1 << 23 },
      ...over,
    },
    topics: [],
    topicCursor: 0,
    moreTopics: false,
    tail,
  };
}

describe('StreamStore', () => {
  it('follows the log range, and freezes it while paused with a count of what came meanwhile', () => {
    const store = new StreamStore();
    store.apply(poll({ lastSeq: 3, received: 3 }, [summary(1), summary(2), summary(3)]));
    expect(store.getSnapshot()).toMatchObject({ viewFirst: 1, viewLast: 3 });
    store.apply(poll({ lastSeq: 3, received: 3, paused: true }));
    store.apply(poll({ lastSeq: 8, received: 8, paused: true }));
    expect(store.getSnapshot()).toMatchObject({ viewLast: 3, receivedWhilePaused: 5 });
    store.apply(poll({ lastSeq: 8, received: 8 }, [summary(7), summary(8)]));
    expect(store.getSnapshot()).toMatchObject({ viewLast: 8, receivedWhilePaused: 0 });
    expect(store.row(8)?.seq).toBe(8);
  });

  it('with a filter, lists the matches and adds live rows that pass, dropping evicted ones', () => {
    const store = new StreamStore();
    store.apply(poll({ lastSeq: 2 }, [summary(1, 'a'), summary(2, 'b')]));
    store.setFilter((topic) => topic === 'a', [1], 2);
    store.apply(poll({ lastSeq: 4 }, [summary(3, 'a'), summary(4, 'b')]));
    expect(store.getSnapshot().filtered).toEqual([1, 3]);
    store.apply(poll({ firstSeq: 2, lastSeq: 4, evicted: 1 }));
    expect(store.getSnapshot().filtered).toEqual([3]);
    store.setFilter(null);
    expect(store.getSnapshot().filtered).toBeNull();
  });

  it('starts over on a new epoch (a clear)', () => {
    const store = new StreamStore();
    store.apply(poll({ lastSeq: 2 }, [summary(1), summary(2)]));
    store.apply(poll({ epoch: 2, firstSeq: 3, lastSeq: 2 }));
    expect(store.row(1)).toBeUndefined();
    expect(store.getSnapshot()).toMatchObject({ viewFirst: 3, viewLast: 2 });
  });
});
