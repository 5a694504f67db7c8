/**
 * Issue 11 (Data #1) and issue 13 (Workspace #1): what "Chart this" on a tree topic and on a
 * JSON tree number draws, and the Charts area's layout as a profile keeps it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { numberFrom, parseJsonPath } from '../../electron/contract';
import {
  chartThis,
  chartsOf,
  chartsStore,
  closeChart,
  layoutOf,
  moveChart,
  seriesLabel,
  setChartWindow,
} from '../../src/charts/charts-store';
import { childPath, seriesForPayload } from '../../src/charts/series-math';

describe('Chart this entry points', () => {
  // Data #1: the JSON tree's paths are the ones the engine's series extraction reads back.
  it('builds JSON paths step by step that parse back to the same steps', () => {
    const value = { a: { 'b.c': [0, { t: 21.5 }] }, 'say "hi"': 3 };
    const deep = childPath(childPath(childPath(childPath('', 'a'), 'b.c'), 1), 't');
    expect(deep).toBe('a["b.c"][1].t');
    expect(parseJsonPath(deep)).toEqual(['a', 'b.c', 1, 't']);
    expect(numberFrom(JSON.stringify(value), parseJsonPath(deep))).toBe(21.5);
    const odd = childPath('', 'say "hi"');
    expect(numberFrom(JSON.stringify(value), parseJsonPath(odd))).toBe(3);
  });

  // Data #1: a tree topic charts its number, or the first numeric field of its JSON.
  it('picks the series for a topic from its last payload', () => {
    expect(seriesForPayload('t/n', ' 42.5 ')).toEqual({ topic: 't/n' });
    expect(seriesForPayload('t/j', '{"id":"x","v":{"temp":[20,21]}}')).toEqual({
      topic: 't/j',
      path: 'v.temp[0]',
    });
    expect(seriesForPayload('t/s', 'hello')).toBeNull();
    expect(seriesForPayload('t/s', '{"only":"text"}')).toBeNull();
    expect(seriesForPayload('t/s', '"12"')).toBeNull();
    expect(seriesForPayload('t/s', '')).toBeNull();
  });
});

describe('chart layout', () => {
  beforeEach(() => chartsStore.set([]));

  // Workspace #1: which charts, their series, window and order make the layout, without page ids.
  it('turns open charts into a layout and back, keeping order and windows', () => {
    chartThis({ topic: 'a' });
    chartThis({ topic: 'b', path: 't' });
    const [first, second] = chartsStore.getSnapshot();
    chartThis({ topic: 'c' }, second?.id);
    chartThis({ topic: 'c' }, second?.id);
    setChartWindow(second?.id ?? 0, '60');
    moveChart(second?.id ?? 0, -1);
    moveChart(second?.id ?? 0, -1);
    const layout = layoutOf(chartsStore.getSnapshot());
    expect(layout).toEqual({
      charts: [
        { series: [{ topic: 'b', path: 't' }, { topic: 'c' }], window: '60' },
        { series: [{ topic: 'a' }], window: 'all' },
      ],
    });
    const reopened = chartsOf(layout);
    expect(layoutOf(reopened)).toEqual(layout);
    expect(new Set(reopened.map((c) => c.id)).size).toBe(2);
    expect(reopened.some((c) => c.id === first?.id)).toBe(false);
    closeChart(first?.id ?? 0);
    expect(chartsStore.getSnapshot()).toHaveLength(1);
    expect(chartsOf(null)).toEqual([]);
  });

  // Scripts #10 (issue 16): a transform series (and a decoded one) is kept with the layout and labelled by its script.
  it('keeps a transform series and a decoded series in the layout', () => {
    const transform = { profileId: 'p', scriptId: 's1', name: 'fahrenheit' };
    chartThis({ topic: 't/a', transform });
    const [chart] = chartsStore.getSnapshot();
    chartThis({ topic: 't/a', path: 'f', transform }, chart?.id);
    chartThis({ topic: 't/b', path: 'x', decoded: { metric: 'm' } }, chart?.id);
    const layout = layoutOf(chartsStore.getSnapshot());
    expect(layout.charts[0]?.series).toEqual([
      { topic: 't/a', transform },
      { topic: 't/a', path: 'f', transform },
      { topic: 't/b', path: 'x', decoded: { metric: 'm' } },
    ]);
    expect(layoutOf(chartsOf(layout))).toEqual(layout);
    expect(seriesLabel({ topic: 't/a', path: 'f', transform })).toBe('t/a · ƒ fahrenheit · f');
    // Without its name (a hand-edited file) the script id labels it.
    expect(seriesLabel({ topic: 't/a', transform: { profileId: 'p', scriptId: 's1' } })).toBe('t/a · ƒ s1');
  });
});
