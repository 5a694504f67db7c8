import { useId, useState, useSyncExternalStore } from 'react';
import { call, errorText } from '../api/client';
import { topicFilter } from '../topics/topic-filter';
import { download } from '../ui/download';

/**
 * Exports what the list shows (every kept message, or the filter's matches) as JSON Lines
 * or CSV. The engine writes the file from its log, so rows never loaded here are included.
 */
export function ExportMenu({ connectionId }: { connectionId: string | null }) {
  const filter = useSyncExternalStore(topicFilter.subscribe, topicFilter.getSnapshot);
  const [outcome, setOutcome] = useState<string | null>(null);
  const id = useId();

  const run = async (format: 'jsonl' | 'csv') => {
    if (!connectionId) return;
    setOutcome('Exporting…');
    try {
      const match = filter.active && !filter.error ? filter.match : undefined;
      const result = await call('messages.export', { connectionId, format, ...(match ? { match } : {}) });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      download(
        `mqscope-messages-${stamp}.${format === 'csv' ? 'csv' : 'jsonl'}`,
        result.content,
        format === 'csv' ? 'text/csv' : 'application/x-ndjson',
      );
      setOutcome(`Exported ${result.count.toLocaleString()} ${result.count === 1 ? 'message' : 'messages'}`);
    } catch (error) {
      setOutcome(errorText(error));
    }
  };

  return (
    <>
      <label htmlFor={id} className="sr-only">
        Export the list
      </label>
      <select
        id={id}
        className="export-select"
        value=""
        disabled={!connectionId}
        title={filter.active ? 'Export the messages matching the filter' : 'Export every kept message'}
        onChange={(e) => {
          const format = e.target.value;
          if (format === 'jsonl' || format === 'csv') void run(format);
        }}
      >
        <option value="" disabled>
          Export…
        </option>
        <option value="jsonl">{filter.active ? 'Filtered as JSON Lines' : 'All as JSON Lines'}</option>
        <option value="csv">{filter.active ? 'Filtered as CSV' : 'All as CSV'}</option>
      </select>
      {outcome && (
        <span className="muted" role="status" aria-label="Export result">
          {outcome}
        </span>
      )}
    </>
  );
}
