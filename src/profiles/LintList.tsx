import type { LintItem } from '../../electron/contract';

const SEVERITY: Record<LintItem['severity'], string> = { error: 'Error', warning: 'Warning', info: 'Note' };

/** What the mqtt.js-code reader noticed: unknown options, non-literals, risky choices, schemes. */
export function LintList({ lint }: { lint: readonly LintItem[] }) {
  if (lint.length === 0)
    return <p className="section-note">Nothing to report: every option was understood.</p>;
  return (
    <ul className="lint-list" aria-label="Lint report">
      {lint.map((item, index) => (
        <li key={index} className={`lint-${item.severity}`}>
          <span className="lint-severity">{SEVERITY[item.severity]}</span>
          <span className="mono muted lint-where">
            {item.line !== undefined ? `${item.line}:${item.column ?? 1}` : ''}
          </span>
          <span className="lint-message">{item.message}</span>
        </li>
      ))}
    </ul>
  );
}
