import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ScriptError, TransformResult } from '../../electron/contract';
import { call, errorText } from '../api/client';
import { useCurrentConnection } from '../connections/connection-queries';
import { useSelection, type Selection } from '../inspector/selection';
import { topicStore } from '../topics/topic-store';
import { ScriptResult, type TransformChart } from './ScriptResult';

/** The kept message the detail pane shows: a topic's selection means its last message. */
function seqOf(selection: Selection): number | null {
  if (!selection) return null;
  if (selection.kind === 'message') return selection.seq;
  return topicStore.find(selection.path)?.state?.last?.seq ?? null;
}

/**
 * Runs the editor's text (saved or not) on the message selected in the list. A saved script
 * without edits (`saved`) can chart its value over the message's topic.
 */
export function TryTransform({
  source,
  onError,
  saved,
}: {
  source: string;
  onError(error: ScriptError | undefined): void;
  saved?: Omit<TransformChart, 'topic'> | undefined;
}) {
  const { t } = useTranslation();
  const { connectionId } = useCurrentConnection();
  const seq = seqOf(useSelection());
  const run = useMutation({
    mutationFn: async (): Promise<{ result: TransformResult | undefined; topic: string | null }> => {
      const asked = { connectionId: connectionId ?? '', seqs: [seq ?? 1] };
      const [[result], [summary]] = await Promise.all([
        call('scripts.transform', { ...asked, source }),
        call('messages.summaries', asked),
      ]);
      return { result, topic: summary?.topic ?? null };
    },
    onSuccess: ({ result }) => onError(result && !result.ok ? result.error : undefined),
  });
  const ready = connectionId !== null && seq !== null;
  return (
    <div className="script-try" role="group" aria-label={t('scripts.transform.try')}>
      <button
        type="button"
        className="button-small"
        disabled={!ready || run.isPending}
        onClick={() => run.mutate()}
      >
        {t('scripts.transform.try')}
      </button>
      {!ready && <span className="muted">{t('scripts.transform.noSelection')}</span>}
      {run.isError && (
        <p className="field-problem" role="alert">
          {errorText(run.error)}
        </p>
      )}
      {run.data?.result && (
        <div className="script-try-result" role="status" aria-label={t('scripts.transform.result')}>
          <ScriptResult
            result={run.data.result}
            chart={saved && run.data.topic !== null ? { ...saved, topic: run.data.topic } : undefined}
          />
        </div>
      )}
      {run.data?.result && !saved && <span className="muted">{t('scripts.transform.saveToChart')}</span>}
    </div>
  );
}
