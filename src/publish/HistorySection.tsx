import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import { formatTime } from '../i18n/format';
import type { HistoryEntry } from './publish-history';

interface Props {
  id: string;
  /** Newest first: the profile's kept history, or this page's for a connection without one. */
  entries: readonly HistoryEntry[];
  onClear: () => void;
  onResend: (entry: HistoryEntry) => void;
  onEdit: (entry: HistoryEntry) => void;
}

function payloadPreview(entry: HistoryEntry): string {
  const p = entry.message.payload;
  if (typeof p === 'string') return p;
  if (p.format === 'bytes') return i18n.t('publish.history.bytes', { count: p.bytes.length });
  return p.text.length > 120 ? `${p.text.slice(0, 120)}…` : p.text;
}

export function HistorySection({ id, entries, onClear, onResend, onEdit }: Props) {
  const { t } = useTranslation();
  return (
    <div id={id} className="publish-drawer" role="group" aria-label={t('publish.history.label')}>
      {entries.length === 0 ? (
        <p className="publish-hint">{t('publish.history.empty')}</p>
      ) : (
        <ul className="history-list" aria-label={t('publish.history.list')}>
          {entries.map((entry) => (
            <li key={entry.id}>
              <span className="muted">{formatTime(entry.at)}</span>
              <span className="mono history-topic">{entry.message.topic}</span>
              <span className="mono history-payload" title={payloadPreview(entry)}>
                {payloadPreview(entry)}
              </span>
              <span className={entry.ok ? 'history-outcome' : 'history-outcome is-error'}>
                {entry.outcome}
              </span>
              <button type="button" className="button-small" onClick={() => onResend(entry)}>
                {t('publish.history.resend')}
              </button>
              <button type="button" className="button-small" onClick={() => onEdit(entry)}>
                {t('publish.history.edit')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {entries.length > 0 && (
        <button type="button" className="button-small" onClick={onClear}>
          {t('publish.history.clear')}
        </button>
      )}
    </div>
  );
}
