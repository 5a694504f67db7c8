import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECK_GROUPS, type CheckGroup, type CheckReport } from '../../electron/contract';
import { formatMarkdown } from '../../electron/contract/check-report';
import { errorText } from '../api/client';
import { formatTime } from '../i18n/format';
import { engineText } from '../i18n/engine-text';
import { useProfileList } from '../profiles/profile-queries';
import { download } from '../ui/download';
import { CheckCompare } from './CheckCompare';
import { CheckResults, type CheckRow } from './CheckResults';
import type { RunProgress } from './check-progress';
import { useCancelCheck, useCheckHistory, useCheckProgress, useRunCheck } from './check-queries';
import './check.css';

function rowsOf(report: CheckReport | null, progress: RunProgress | null, running: boolean): CheckRow[] {
  if (running && progress) {
    return progress.planned.map((item) => {
      const result = progress.results.get(item.id);
      return { item, running: progress.running.has(item.id), ...(result && { result }) };
    });
  }
  return (report?.results ?? []).map((result) => ({ item: result, result, running: false }));
}

function exportReport(report: CheckReport, format: 'md' | 'json'): void {
  const name = `mqscope-check-${report.runId}.${format}`;
  if (format === 'md') download(name, formatMarkdown(report), 'text/markdown');
  else download(name, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
}

/**
 * The broker check: run the suite (or one group) against a saved profile's broker, watch each
 * check finish, read the verdicts and open any check to its packets and timings. Past runs
 * are kept per broker; any two can be compared, and a run exported as Markdown or JSON.
 */
export function CheckView() {
  const { t } = useTranslation();
  const profiles = useProfileList().data?.profiles ?? [];
  const [profileId, setProfileId] = useState('');
  const [group, setGroup] = useState<CheckGroup | 'all'>('all');
  const [opened, setOpened] = useState<CheckReport | null>(null);
  const run = useRunCheck();
  const cancel = useCancelCheck();
  const progress = useCheckProgress();
  const history = useCheckHistory(true);
  const runs = useMemo(() => history.data?.runs ?? [], [history.data]);
  const target = profiles.find((p) => p.id === profileId) ?? profiles[0];
  const report = run.isPending ? null : (opened ?? run.data ?? null);
  const rows = rowsOf(report, progress, run.isPending);
  const finished = progress ? progress.results.size : 0;
  const planned = progress?.planned.length ?? 0;

  const start = () => {
    if (!target) return;
    setOpened(null);
    run.mutate({ profileId: target.id, ...(group !== 'all' && { groups: [group] }) });
  };

  return (
    <div className="check-view">
      <div className="check-controls" role="group" aria-label={t('check.run.label')}>
        <label className="check-field">
          <span>{t('check.target')}</span>
          <select
            value={target?.id ?? ''}
            onChange={(e) => setProfileId(e.target.value)}
            disabled={run.isPending}
          >
            {profiles.length === 0 && <option value="">{t('check.noProfiles')}</option>}
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="check-field">
          <span>{t('check.group.label')}</span>
          <select
            value={group}
            onChange={(e) => setGroup(e.target.value as CheckGroup | 'all')}
            disabled={run.isPending}
          >
            <option value="all">{t('check.group.all')}</option>
            {CHECK_GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`check.group.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button-primary" onClick={start} disabled={!target || run.isPending}>
          {t('check.run.start')}
        </button>
        {run.isPending && (
          <button
            type="button"
            onClick={() => progress && cancel.mutate(progress.runId)}
            disabled={!progress || cancel.isPending}
          >
            {t('check.run.cancel')}
          </button>
        )}
      </div>
      <p className="check-note muted">{t('check.note')}</p>
      <div className="check-status" role="status" aria-label={t('check.progress.label')}>
        {run.isPending && progress && (
          <>
            <progress max={planned} value={finished} aria-label={t('check.progress.bar')} />{' '}
            {t('check.progress.done', { done: finished, total: planned })}
          </>
        )}
        {run.isPending && !progress && t('check.progress.connecting')}
        {!run.isPending && report && (
          <>
            {t('check.summary', {
              url: report.broker?.url ?? '?',
              conforms: report.counts.conforms ?? 0,
              differs: report.counts.differs ?? 0,
              notSupported: report.counts['not-supported'] ?? 0,
              couldNotRun: report.counts['could-not-run'] ?? 0,
            })}
            {report.problem ? ` ${report.problem}` : ''}
          </>
        )}
      </div>
      {run.error && (
        <p className="check-error" role="alert">
          {errorText(run.error)}
        </p>
      )}
      {report && (
        <div className="check-controls">
          <button type="button" className="button-small" onClick={() => exportReport(report, 'md')}>
            {t('check.export.markdown')}
          </button>
          <button type="button" className="button-small" onClick={() => exportReport(report, 'json')}>
            {t('check.export.json')}
          </button>
        </div>
      )}
      {rows.length > 0 && <CheckResults rows={rows} />}
      <section className="check-history" aria-label={t('check.history.title')}>
        <h3>{t('check.history.title')}</h3>
        {history.data?.notice && (
          <p className="check-error" role="alert">
            {engineText(history.data.notice)}
          </p>
        )}
        {runs.length === 0 ? (
          <p className="muted">{t('check.history.empty')}</p>
        ) : (
          <ul className="check-runs" aria-label={t('check.history.list')}>
            {runs.map((r) => (
              <li key={r.runId}>
                <button
                  type="button"
                  className="button-small"
                  aria-pressed={report?.runId === r.runId}
                  onClick={() => setOpened(r)}
                  disabled={run.isPending}
                >
                  {t('check.history.run', {
                    time: formatTime(r.startedAt),
                    url: r.broker?.url ?? '?',
                    count: r.results.length,
                  })}
                </button>{' '}
                <span className="muted">
                  {t('check.history.counts', {
                    conforms: r.counts.conforms ?? 0,
                    differs: r.counts.differs ?? 0,
                  })}
                </span>
              </li>
            ))}
          </ul>
        )}
        {runs.length >= 2 && <CheckCompare runs={runs} />}
      </section>
    </div>
  );
}
