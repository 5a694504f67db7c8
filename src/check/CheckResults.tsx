import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckPlanItem, CheckResult } from '../../electron/contract';
import { CheckEvidence } from './CheckEvidence';
import { wordFinding } from './finding';
import { VerdictPill } from './verdict';

export interface CheckRow {
  item: CheckPlanItem;
  result?: CheckResult;
  running: boolean;
}

/** The results table: one row per check, its verdict and finding; a row opens to its evidence. */
export function CheckResults({ rows }: { rows: readonly CheckRow[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((was) => {
      const next = new Set(was);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <table className="check-table check-results" aria-label={t('check.results')}>
      <thead>
        <tr>
          <th scope="col">{t('check.column.verdict')}</th>
          <th scope="col">{t('check.column.check')}</th>
          <th scope="col">{t('check.column.finding')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ item, result, running }) => {
          const expanded = open.has(item.id);
          return (
            <Fragment key={item.id}>
              <tr className={expanded ? 'check-row is-open' : 'check-row'} data-check={item.id}>
                <td>
                  {result ? (
                    <VerdictPill verdict={result.verdict} />
                  ) : (
                    <span className="check-verdict verdict-pending">
                      {t(running ? 'check.state.running' : 'check.state.waiting')}
                    </span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="check-expand"
                    aria-expanded={expanded}
                    onClick={() => toggle(item.id)}
                  >
                    {item.id}
                  </button>
                </td>
                <td className="check-finding">{result ? wordFinding(result) : ''}</td>
              </tr>
              {expanded && (
                <tr className="check-evidence-row">
                  <td colSpan={3}>
                    <CheckEvidence item={item} result={result} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
