import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface DeletedProfiles {
  undoToken: string;
  /** What was deleted, in words: `"Dev broker"`. */
  label: string;
}

/** How long the offer stays on screen; the host keeps the deleted profiles until it quits. */
const SHOW_MS = 20_000;

export function UndoToast({
  deleted,
  undoing,
  onUndo,
  onDismiss,
}: {
  deleted: DeletedProfiles;
  undoing: boolean;
  onUndo: () => void;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const dismiss = useRef(onDismiss);
  useEffect(() => {
    dismiss.current = onDismiss;
  });
  // One timer per deletion, not restarted by re-renders.
  useEffect(() => {
    const timer = setTimeout(() => dismiss.current(), SHOW_MS);
    return () => clearTimeout(timer);
  }, [deleted.undoToken]);
  return (
    <div className="toast" role="status" aria-label={t('profiles.undo.label')}>
      <span>{t('profiles.undo.deleted', { label: deleted.label })}</span>
      <button
        type="button"
        className="button-small"
        aria-disabled={undoing}
        onClick={() => !undoing && onUndo()}
      >
        {t('profiles.undo.undo')}
      </button>
      <button type="button" className="button-small" onClick={onDismiss}>
        {t('profiles.banner.dismiss')}
      </button>
    </div>
  );
}
