import { useEffect } from 'react';
import { call } from '../api/client';
import { streamStore } from './stream-store';

/** Seqs asked for and not answered yet, so a fast scroll does not ask twice. */
const inFlight = new Set<number>();

/**
 * Rows on screen that the renderer does not hold (scrolled back past what polls brought)
 * are fetched from the engine's log by seq, one request per render at most.
 */
export function useMissingRows(connectionId: string | null, seqs: readonly number[]): void {
  const key = seqs.join(',');
  useEffect(() => {
    if (!connectionId) return;
    const wanted = key
      .split(',')
      .filter((s) => s !== '')
      .map(Number)
      .filter((seq) => !inFlight.has(seq) && streamStore.row(seq) === undefined);
    if (wanted.length === 0) return;
    for (const seq of wanted) inFlight.add(seq);
    call('messages.summaries', { connectionId, seqs: wanted })
      .then((rows) => streamStore.addRows(rows))
      .catch(() => undefined)
      .finally(() => {
        for (const seq of wanted) inFlight.delete(seq);
      });
  }, [connectionId, key]);
}
