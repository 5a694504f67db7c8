import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCheckProgressFeed } from './check-queries';
import { CheckView } from './CheckView';

/**
 * A temporary home for the broker check until the workbench's activity bar takes it: a
 * sidebar button that opens the view over the main area. The progress feed lives here, so
 * a run keeps its progress while the view is closed.
 */
export function CheckOpener() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useCheckProgressFeed();
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <div className="check-opener">
      <button type="button" className="button-small" onClick={() => setOpen(true)}>
        {t('check.open')}
      </button>
      <p className="muted check-opener-hint">{t('workbench.hint.check')}</p>
      {open && (
        <div className="check-overlay" role="dialog" aria-modal="true" aria-label={t('check.title')}>
          <header className="check-header">
            <h2>{t('check.title')}</h2>
            <button type="button" className="button-small" onClick={() => setOpen(false)}>
              {t('check.close')}
            </button>
          </header>
          <CheckView />
        </div>
      )}
    </div>
  );
}
