import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { ClearRetainedResult } from '../../electron/contract';
import { call, errorText } from '../api/client';

function summary(result: ClearRetainedResult): string {
  const cleared = `Cleared ${result.cleared.length} retained ${result.cleared.length === 1 ? 'value' : 'values'}`;
  if (result.failed.length === 0) return `${cleared}.`;
  const first = result.failed[0];
  return `${cleared}; ${result.failed.length} failed (${first?.topic}: ${first?.message}).`;
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
          title={connected ? undefined : 'Connect to delete retained values'}
          onClick={() => {
            clear.reset();
            setConfirming(true);
          }}
        >
          Delete retained…
        </button>
      )}
      {confirming && (
        <div className="confirm-group" role="group" aria-label="Confirm deleting retained values">
          <span>
            Publish an empty retained message to the {retainedBelow}{' '}
            {retainedBelow === 1 ? 'topic' : 'topics'} at or below <span className="mono">{path}</span> that
            hold a retained value?
          </span>
          <button
            type="button"
            className="button-small button-primary"
            onClick={() => clear.mutate()}
            disabled={clear.isPending}
          >
            Delete {retainedBelow} retained
          </button>
          <button type="button" className="button-small" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {outcome && (
        <span className="muted" role="status" aria-label="Delete retained result">
          {outcome}
        </span>
      )}
    </div>
  );
}
