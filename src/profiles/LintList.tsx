import { useTranslation } from 'react-i18next';
import type { LintItem } from '../../electron/contract';
import { engineText } from '../i18n/engine-text';

/** What the mqtt.js-code reader noticed: unknown options, non-literals, risky choices, schemes. */
export function LintList({ lint }: { lint: readonly LintItem[] }) {
  const { t } = useTranslation();
  if (lint.length === 0) return <p className="section-note">{t('profiles.lint.none')}</p>;
  return (
    <ul className="lint-list" aria-label={t('profiles.lint.label')}>
      {lint.map((item, index) => (
        <li key={index} className={`lint-${item.severity}`}>
          <span className="lint-severity">{t(`profiles.lint.${item.severity}`)}</span>
          <span className="mono muted lint-where">
            {item.line !== undefined ? `${item.line}:${item.column ?? 1}` : ''}
          </span>
          <span className="lint-message">{engineText(item.text)}</span>
        </li>
      ))}
    </ul>
  );
}
