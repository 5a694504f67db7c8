import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import type { ClearRetainedResult } from '../../electron/contract';
import { call, errorText } from '../api/client';

function summary(result: ClearRetainedResult): string {
  const count = result.cleared.length;
  if (result.failed.length === 0) return i18n.t('topics.retained.cleared', { count });
  const first = result.failed[0];
  return i18n.t('topics.retained.clearedWithFailures', {
    count,
    failed: result.failed.length,
    topic: first?.topic,
    message: first?.message,
  });
}

/**
 * Deletes the broker's retained values for a topic, or for every topic below it that holds
 * one, after the user confirms; then says what happened to each.
 */
export function DeleteRetained({
  connectionId,
  path,
  retainedBelow,
  connected,
}: {
  connectionId: string | null;
  path: string;
  retainedBelow: number;
  connected: boolean;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const clear = useMutation({
    mutationFn: () =>
      call('topics.clearRetained', { connectionId: connectionId ?? '', topic: path, subtree: true }),
    onSettled: () => setConfirming(false),
  });
  const outcome = clear.isError ? errorText(clear.error) : clear.data ? summary(clear.data) : null;

  if (retainedBelow === 0 && !confirming && !outcome) return null;
  return (
    <div className={confirming ? 'topic-actions retained-confirm' : 'topic-actions'}>
      {retainedBelow > 0 && !confirming && (
        <button
          type="button"
          className="button-small"
          disabled={!connected}
          title={connected ? undefined : t('topics.retained.connectFirst')}
          onClick={() => {
            clear.reset();
            setConfirming(true);
          }}
        >
          {t('topics.retained.delete')}
        </button>
      )}
      {confirming && (
        <div className="confirm-group" role="group" aria-label={t('topics.retained.confirmLabel')}>
          <span>
            <Trans
              i18nKey="topics.retained.confirm"
              count={retainedBelow}
              values={{ path }}
              components={{ path: <span className="mono" /> }}
            />
          </span>
          <button
            type="button"
            className="button-small button-primary"
            onClick={() => clear.mutate()}
            disabled={clear.isPending}
          >
            {t('topics.retained.confirmButton', { count: retainedBelow })}
          </button>
          <button type="button" className="button-small" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {outcome && (
        <span className="muted" role="status" aria-label={t('topics.retained.result')}>
          {outcome}
        </span>
      )}
    </div>
  );
}
