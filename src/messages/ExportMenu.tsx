import { useId, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorText } from '../api/client';
import { formatNumber } from '../i18n/format';
import { topicFilter } from '../topics/topic-filter';
import { download } from '../ui/download';

/**
 * Exports what the list shows (every kept message, or the filter's matches) as JSON Lines
 * or CSV. The engine writes the file from its log, so rows never loaded here are included.
 */
export function ExportMenu({ connectionId }: { connectionId: string | null }) {
  const { t } = useTranslation();
  const filter = useSyncExternalStore(topicFilter.subscribe, topicFilter.getSnapshot);
  const [outcome, setOutcome] = useState<string | null>(null);
  const id = useId();

  const run = async (format: 'jsonl' | 'csv') => {
    if (!connectionId) return;
    setOutcome(t('messages.export.running'));
    try {
      const match = filter.active && !filter.error ? filter.match : undefined;
      const result = await call('messages.export', { connectionId, format, ...(match ? { match } : {}) });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      download(
        `mqscope-messages-${stamp}.${format === 'csv' ? 'csv' : 'jsonl'}`,
        result.content,
        format === 'csv' ? 'text/csv' : 'application/x-ndjson',
      );
      setOutcome(t('messages.export.done', { count: result.count, formatted: formatNumber(result.count) }));
    } catch (error) {
      setOutcome(errorText(error));
    }
  };

  return (
    <>
      <label htmlFor={id} className="sr-only">
        {t('messages.export.label')}
      </label>
      <select
        id={id}
        className="export-select"
        value=""
        disabled={!connectionId}
        title={filter.active ? t('messages.export.titleFiltered') : t('messages.export.titleAll')}
        onChange={(e) => {
          const format = e.target.value;
          if (format === 'jsonl' || format === 'csv') void run(format);
        }}
      >
        <option value="" disabled>
          {t('messages.export.placeholder')}
        </option>
        <option value="jsonl">
          {filter.active ? t('messages.export.jsonlFiltered') : t('messages.export.jsonlAll')}
        </option>
        <option value="csv">
          {filter.active ? t('messages.export.csvFiltered') : t('messages.export.csvAll')}
        </option>
      </select>
      {outcome && (
        <span className="muted" role="status" aria-label={t('messages.export.result')}>
          {outcome}
        </span>
      )}
    </>
  );
}
