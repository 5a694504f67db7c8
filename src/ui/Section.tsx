import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  open: boolean;
  onToggle: (open: boolean) => void;
  /** A few words shown beside the title while folded ("off", "devices/42/status"). */
  summary?: ReactNode;
  /** Problems inside: said on the header too, so a folded section never hides one. */
  problemCount?: number;
  children: ReactNode;
}

/**
 * A foldable group of fields. A real button with aria-expanded (not <details>) so the header
 * can carry a summary and a problem count, and Enter/Space toggle it like any button.
 */
export function Section({ title, open, onToggle, summary, problemCount = 0, children }: Props) {
  const { t } = useTranslation();
  const bodyId = useId();
  const summaryId = useId();
  return (
    <div className={open ? 'form-section is-open' : 'form-section'}>
      <button
        type="button"
        className="section-toggle"
        aria-expanded={open}
        aria-controls={bodyId}
        // The summary describes, it does not name: the button is called by its title alone.
        aria-describedby={summaryId}
        onClick={() => onToggle(!open)}
      >
        <span className="section-chevron" aria-hidden="true" />
        <span className="section-toggle-title">{title}</span>
        {problemCount > 0 ? (
          <span id={summaryId} className="section-problems">
            {t('ui.section.problems', { count: problemCount })}
          </span>
        ) : (
          summary && (
            <span
              id={summaryId}
              className="section-summary"
              aria-hidden="true"
              title={typeof summary === 'string' ? summary : undefined}
            >
              {summary}
            </span>
          )
        )}
      </button>
      {open && (
        <div id={bodyId} className="section-body">
          {children}
        </div>
      )}
    </div>
  );
}
