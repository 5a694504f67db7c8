import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ArrowDown, ArrowUp } from 'lucide-react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { call, errorText } from '../api/client';
import { formatNumber } from '../i18n/format';
import { onThemeChange } from '../styles/theme';
import { download } from '../ui/download';
import type { ChartWindow, SeriesResult } from '../../electron/contract';
import { closeChart, moveChart, seriesLabel, setChartWindow, type ChartSpec } from './charts-store';
import { useScriptErrorText } from '../scripts/ScriptResult';
import { alignSeries, seriesCsv, seriesStats, type SeriesData, type SeriesStats } from './series-math';

const POLL_MS = 1000;

/** Why a series draws nothing (its request failed) or has gaps (its transform failed). */
type SeriesProblem = { request: string } | { failed: NonNullable<SeriesResult['failed']> };
const COLORS = ['#0b67d0', '#d9480f', '#2b8a3e', '#9c36b5', '#e67700', '#0c8599'];
function windowStart(span: ChartWindow): number {
  return span === 'all' ? 0 : Date.now() - Number(span) * 1000;
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/**
 * One chart: its series start with what the engine's log holds for their topics, then
 * follow new messages (the engine extracts the numbers; the page only appends them).
 * uPlot draws; it zooms by dragging and pans with the time window.
 */
export function ChartCard({
  chart,
  connectionId,
  first,
  last,
}: {
  chart: ChartSpec;
  connectionId: string;
  first: boolean;
  last: boolean;
}) {
  const { t, i18n } = useTranslation();
  // Values keep their decimals (formatNumber rounds to integers for counts).
  const valueFormat = useMemo(
    () => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 }),
    [i18n.language],
  );
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const data = useRef<SeriesData[]>([]);
  const cursors = useRef<number[]>([]);
  const [skipped, setSkipped] = useState<number[]>([]);
  const [paused, setPaused] = useState(false);
  const [problems, setProblems] = useState<(SeriesProblem | null)[]>([]);
  const scriptErrorText = useScriptErrorText();
  const [theme, setTheme] = useState(0);
  const labels = chart.series.map(seriesLabel);
  const [view, setView] = useState<{ points: number; stats: SeriesStats[] }>({ points: 0, stats: [] });
  // The window is the chart's (kept with the profile); the poll reads it through a ref.
  const span = chart.window;
  const spanRef = useRef<ChartWindow>(span);

  // Counts and statistics are read from the series when they change, never during render.
  const refresh = (count: number) => {
    const from = windowStart(spanRef.current);
    const series = data.current.slice(0, count);
    setView({
      points: series.reduce((n, s) => n + s.v.filter((v) => v !== null).length, 0),
      stats: series.map((s) => seriesStats(s, from)),
    });
    plot.current?.setData(alignSeries(series, from));
  };

  // A series added later starts from its own beginning.
  useEffect(() => {
    while (data.current.length < chart.series.length) {
      data.current.push({ t: [], v: [] });
      cursors.current.push(0);
    }
  }, [chart.series.length]);

  useEffect(() => onThemeChange(() => setTheme((n) => n + 1)), []);

  useEffect(() => {
    if (paused) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      // Each series answers alone: one whose transform fails (or is gone) leaves the others drawing.
      const answers = await Promise.allSettled(
        chart.series.map((spec, i) =>
          call('messages.series', {
            connectionId,
            topic: spec.topic,
            ...(spec.path !== undefined && { path: spec.path }),
            ...(spec.decoded && { decoded: spec.decoded }),
            ...(spec.transform && {
              transform: { profileId: spec.transform.profileId, scriptId: spec.transform.scriptId },
            }),
            afterSeq: cursors.current[i] ?? 0,
          }),
        ),
      );
      if (stopped) return;
      const said: (SeriesProblem | null | undefined)[] = [];
      answers.forEach((settled, i) => {
        const series = data.current[i];
        if (settled.status === 'rejected') {
          said[i] = { request: errorText(settled.reason) };
          return;
        }
        const answer = settled.value;
        // An answer without new messages says nothing new: a transform's failure stays shown.
        said[i] = answer.failed ? { failed: answer.failed } : answer.t.length === 0 ? undefined : null;
        if (!series) return;
        series.t.push(...answer.t);
        series.v.push(...answer.v);
        cursors.current[i] = answer.lastSeq;
        setSkipped((s) => {
          const next = [...s];
          next[i] = (next[i] ?? 0) + answer.skipped;
          return next;
        });
      });
      setProblems((before) =>
        said.map((p, i) => (p !== undefined ? p : before[i] && 'failed' in before[i] ? before[i] : null)),
      );
      refresh(chart.series.length);
      if (!stopped) timer = setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [chart.series, connectionId, paused]);

  // The plot is made again when its series or the theme change; data updates only redraw.
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const text = cssVar('--text');
    const grid = cssVar('--border');
    const axis = { stroke: text, grid: { stroke: grid }, ticks: { stroke: grid } };
    const made = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height: 180,
        cursor: { drag: { x: true, y: false } },
        legend: { live: true },
        scales: { x: { time: true } },
        axes: [axis, axis],
        series: [
          {},
          ...labels.map((label, i) => ({
            label,
            stroke: COLORS[i % COLORS.length],
            width: 1.5,
            spanGaps: false,
            points: { show: true, size: 3 },
          })),
        ],
      },
      alignSeries(data.current.slice(0, labels.length), windowStart(spanRef.current)),
      element,
    );
    plot.current = made;
    const resize = new ResizeObserver(() =>
      made.setSize({ width: Math.max(200, element.clientWidth), height: 180 }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      made.destroy();
      plot.current = null;
    };
    // labels.join stands for the series list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [labels.join('\n'), theme]);

  const exportCsv = () =>
    download(`chart-${chart.id}.csv`, seriesCsv(labels, data.current.slice(0, labels.length)), 'text/csv');
  const exportPng = () =>
    plot.current?.ctx.canvas.toBlob((blob) => {
      if (blob) download(`chart-${chart.id}.png`, blob, 'image/png');
    });

  return (
    <section
      className="chart-card"
      aria-label={t('charts.card', { title: labels.join(', ') })}
      data-points={view.points}
    >
      <div className="toolbar chart-toolbar">
        <span className="chart-title mono" title={labels.join('\n')}>
          {labels.join(' · ')}
        </span>
        <span className="toolbar-spacer" />
        <select
          aria-label={t('charts.window.label')}
          value={span}
          onChange={(e) => {
            const next: ChartWindow =
              e.target.value === '60' ? '60' : e.target.value === '600' ? '600' : 'all';
            spanRef.current = next;
            setChartWindow(chart.id, next);
            refresh(labels.length);
          }}
        >
          <option value="60">{t('charts.window.min1')}</option>
          <option value="600">{t('charts.window.min10')}</option>
          <option value="all">{t('charts.window.all')}</option>
        </select>
        <button
          type="button"
          className="button-small"
          aria-pressed={paused}
          onClick={() => setPaused((p) => !p)}
        >
          {paused ? t('charts.resume') : t('charts.pause')}
        </button>
        <button type="button" className="button-small" onClick={exportCsv}>
          {t('charts.csv')}
        </button>
        <button type="button" className="button-small" onClick={exportPng}>
          {t('charts.png')}
        </button>
        <button
          type="button"
          className="button-small"
          aria-label={t('charts.moveUp')}
          title={t('charts.moveUp')}
          disabled={first}
          onClick={() => moveChart(chart.id, -1)}
        >
          <ArrowUp size={12} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="button-small"
          aria-label={t('charts.moveDown')}
          title={t('charts.moveDown')}
          disabled={last}
          onClick={() => moveChart(chart.id, 1)}
        >
          <ArrowDown size={12} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="button-small"
          aria-label={t('charts.close')}
          onClick={() => closeChart(chart.id)}
        >
          ×
        </button>
      </div>
      {problems.map((p, i) =>
        p ? (
          <p key={i} className="field-problem" role="alert">
            {t('charts.seriesProblem', {
              series: labels[i] ?? '',
              problem:
                'request' in p
                  ? p.request
                  : t('charts.transformFailed', {
                      count: p.failed.count,
                      error: scriptErrorText(p.failed.first),
                    }),
            })}
          </p>
        ) : null,
      )}
      <div ref={host} className="chart-plot" />
      <table className="chart-stats" aria-label={t('charts.stats')}>
        <thead>
          <tr>
            <th>{t('charts.series')}</th>
            <th>{t('charts.min')}</th>
            <th>{t('charts.max')}</th>
            <th>{t('charts.last')}</th>
            <th>{t('charts.avg')}</th>
            <th>{t('charts.points')}</th>
            <th>{t('charts.skipped')}</th>
          </tr>
        </thead>
        <tbody>
          {labels.map((label, i) => {
            const s = view.stats[i] ?? { count: 0, min: null, max: null, last: null, avg: null };
            const show = (n: number | null) => (n === null ? '—' : valueFormat.format(n));
            return (
              <tr key={label}>
                <td className="mono">{label}</td>
                <td>{show(s.min)}</td>
                <td>{show(s.max)}</td>
                <td>{show(s.last)}</td>
                <td>{show(s.avg)}</td>
                <td>{formatNumber(s.count)}</td>
                <td>{formatNumber(skipped[i] ?? 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
