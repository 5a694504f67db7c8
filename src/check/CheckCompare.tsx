import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckReport, CheckResult } from '../../electron/contract';
import { formatTime } from '../i18n/format';
import { compareRuns } from './compare';
import { wordFinding } from './finding';
import { VerdictPill } from './verdict';

function RunCell({ result }: { result: CheckResult | undefined }) {
  const { t } = useTranslation();
  if (!result) return <td className="muted">{t('check.compare.notRun')}</td>;
  return (
    <td>
      <VerdictPill verdict={result.verdict} /> <span className="check-finding">{wordFinding(result)}</span>
    </td>
  );
}

/** Two kept runs (of one broker, or of two) side by side; rows whose verdicts differ stand out. */
export function CheckCompare({ runs }: { runs: readonly CheckReport[] }) {
  const { t } = useTranslation();
  const [aId, setAId] = useState(runs[1]?.runId ?? '');
  const [bId, setBId] = useState(runs[0]?.runId ?? '');
  // Until picked, the two newest runs: the list grows while the view is open.
  const a = runs.find((r) => r.runId === aId) ?? runs[1];
  const b = runs.find((r) => r.runId === bId) ?? runs[0];
  const rows = useMemo(() => (a && b ? compareRuns(a, b) : []), [a, b]);
  const label = (run: CheckReport) =>
    t('check.history.run', {
      time: formatTime(run.startedAt),
      url: run.broker?.url ?? '?',
      count: run.results.length,
    });
  const picker = (name: string, value: string, onChange: (id: string) => void) => (
    <label className="check-field">
      <span>{name}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {runs.map((run) => (
          <option key={run.runId} value={run.runId}>
            {label(run)}
          </option>
        ))}
      </select>
    </label>
  );
  const differing = rows.filter((r) => r.differs).length;
  return (
    <section className="check-compare" aria-label={t('check.compare.title')}>
      <h3>{t('check.compare.title')}</h3>
      <div className="check-controls">
        {picker(t('check.compare.runA'), a?.runId ?? '', setAId)}
        {picker(t('check.compare.runB'), b?.runId ?? '', setBId)}
      </div>
      {a && b && (
        <>
          <p role="status" aria-label={t('check.compare.summary')}>
            {t('check.compare.differing', { count: differing })}
          </p>
          <table className="check-table check-compare-table" aria-label={t('check.compare.table')}>
            <thead>
              <tr>
                <th scope="col">{t('check.column.check')}</th>
                <th scope="col">{t('check.compare.runA')}</th>
                <th scope="col">{t('check.compare.runB')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.id}
                  className={row.differs ? 'is-different' : undefined}
                  data-differs={row.differs}
                >
                  <td className="mono">
                    {row.differs && <span className="check-differs-mark">{t('check.compare.mark')} </span>}
                    {row.id}
                  </td>
                  <RunCell result={row.a} />
                  <RunCell result={row.b} />
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
