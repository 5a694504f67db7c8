import { useTranslation } from 'react-i18next';
import type { ImportReportEntry } from '../../electron/contract';
import { engineText } from '../i18n/engine-text';

/** What an import did with each profile, and what it mapped differently or left out. */
export function ImportReport({ report }: { report: readonly ImportReportEntry[] }) {
  const { t } = useTranslation();
  const count = (outcome: ImportReportEntry['outcome']) => report.filter((e) => e.outcome === outcome).length;
  const summary = [
    t('profiles.report.created', { count: count('created') }),
    count('overwritten') ? t('profiles.report.overwritten', { count: count('overwritten') }) : '',
    count('skipped') ? t('profiles.report.skipped', { count: count('skipped') }) : '',
    count('failed') ? t('profiles.report.failed', { count: count('failed') }) : '',
  ]
    .filter(Boolean)
    .join(t('profiles.report.separator'));
  return (
    <section className="import-report" aria-label={t('profiles.report.label')}>
      <p className="import-summary">{t('profiles.report.finished', { summary })}</p>
      <ul>
        {report.map((entry, index) => (
          <li key={index} className={`outcome-${entry.outcome}`}>
            <div>
              <strong>{entry.name}</strong>{' '}
              <span className="outcome">{t(`profiles.report.outcome.${entry.outcome}`)}</span>
            </div>
            {entry.notes.length > 0 && (
              <ul className="import-notes">
                {entry.notes.map((note, n) => (
                  <li key={n}>
                    <code>{note.field}</code>: {engineText(note.text)}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
