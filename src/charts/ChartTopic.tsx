import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, errorText } from '../api/client';
import { decodeUtf8 } from '../inspector/decode';
import { useWorkbench } from '../workbench/workbench-state';
import { chartThis, seriesLabel } from './charts-store';
import { seriesForPayload } from './series-math';

/** Enough of a payload to find its number or first numeric JSON field. */
const PEEK_BYTES = 64 * 1024;

/**
 * "Chart this" on the topic selected in the tree: its payload as a number, or the first
 * numeric field of its JSON (the detail pane's JSON tree charts any other field). The chart
 * opens with what the log already holds for the topic.
 */
export function ChartTopic({ connectionId, path }: { connectionId: string | null; path: string }) {
  const { t } = useTranslation();
  const { show } = useWorkbench();
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chart = async () => {
    if (!connectionId) return;
    setBusy(true);
    setNote(null);
    try {
      const detail = await call('topics.detail', { connectionId, topic: path, maxBytes: PEEK_BYTES });
      const spec = seriesForPayload(path, decodeUtf8(detail.payload).text);
      if (!spec) {
        setNote(t('charts.topicNoNumber'));
        return;
      }
      chartThis(spec);
      setNote(t('charts.opened', { series: seriesLabel(spec) }));
      show('charts');
    } catch (error) {
      setNote(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className="button-small"
        disabled={busy || !connectionId}
        title={t('charts.topicTitle')}
        onClick={() => void chart()}
      >
        {t('charts.chartTopic')}
      </button>
      {note && (
        <span className="muted" role="status" aria-label={t('charts.topicResult')}>
          {note}
        </span>
      )}
    </>
  );
}
