import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useCheckProgressFeed } from './check-queries';
import { CheckView } from './CheckView';

/**
 * The Broker check activity's side view: a button that opens the check over the main area
 * (its results table needs the width). The overlay is placed inside the main area itself, so
 * it follows the resizable side area's edge. The progress feed lives here, so a run keeps its
 * progress while the view is closed.
 */
export function CheckOpener() {
  const { t } = useTranslation();
  // Where the overlay goes: the main area, found when the check is opened.
  const [host, setHost] = useState<HTMLElement | null>(null);
  const open = host !== null;
  const setOpen = (value: boolean) =>
    setHost(value ? (document.querySelector<HTMLElement>('main.main') ?? document.body) : null);
  useCheckProgressFeed();
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  const overlay = (
    <div className="check-overlay" role="dialog" aria-modal="true" aria-label={t('check.title')}>
      <header className="check-header">
        <h2>{t('check.title')}</h2>
        <button type="button" className="button-small" onClick={() => setOpen(false)}>
          {t('check.close')}
        </button>
      </header>
      <CheckView />
    </div>
  );
  return (
    <div className="check-opener">
      <button type="button" className="button-small" onClick={() => setOpen(true)}>
        {t('check.open')}
      </button>
      <p className="muted check-opener-hint">{t('workbench.hint.check')}</p>
      {host && createPortal(overlay, host)}
    </div>
  );
}
