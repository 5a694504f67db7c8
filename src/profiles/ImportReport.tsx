import type { ImportReportEntry } from '../../electron/contract';

const OUTCOME: Record<ImportReportEntry['outcome'], string> = {
  created: 'Created',
  overwritten: 'Overwritten',
  skipped: 'Skipped',
  failed: 'Not imported',
};

/** What an import did with each profile, and what it mapped differently or left out. */
export function ImportReport({ report }: { report: readonly ImportReportEntry[] }) {
  const count = (outcome: ImportReportEntry['outcome']) => report.filter((e) => e.outcome === outcome).length;
  const summary = [
    `${count('created')} created`,
    count('overwritten') ? `${count('overwritten')} overwritten` : '',
    count('skipped') ? `${count('skipped')} skipped` : '',
    count('failed') ? `${count('failed')} not imported` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <section className="import-report" aria-label="Import report">
      <p className="import-summary">Import finished: {summary}.</p>
      <ul>
        {report.map((entry, index) => (
          <li key={index} className={`outcome-${entry.outcome}`}>
            <div>
              <strong>{entry.name}</strong> <span className="outcome">{OUTCOME[entry.outcome]}</span>
            </div>
            {entry.notes.length > 0 && (
              <ul className="import-notes">
                {entry.notes.map((note, n) => (
                  <li key={n}>
                    <code>{note.field}</code>: {note.message}
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
