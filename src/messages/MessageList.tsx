import { useCallback, useEffect, useSyncExternalStore, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { selectionStore, useSelection } from '../inspector/selection';
import { payloadSearch, revealRequest } from '../search/list-query';
import { usePayloadHighlight } from '../search/highlight';
import { MessageRow, PlaceholderRow } from './MessageRow';
import { lowerBound, streamStore } from './stream-store';
import { useMissingRows } from './use-missing-rows';
import { useVirtualRows } from './use-virtual-rows';

/** Must match .message-row's height in messages.css: windowing computes with it. */
const ROW_HEIGHT = 20;

/**
 * The engine's message log, windowed: the list is as long as the log (or the filter's
 * matches), but only the rows on screen exist, in the DOM and in memory.
 */
export function MessageList() {
  const { t } = useTranslation();
  const snapshot = useSyncExternalStore(streamStore.subscribe, streamStore.getSnapshot);
  const { viewFirst, viewLast, filtered, version, stats, connectionId } = snapshot;
  const count = filtered ? filtered.length : Math.max(0, viewLast - viewFirst + 1);
  const seqAt = (index: number) => (filtered ? (filtered[index] ?? 0) : viewFirst + index);
  const { scrollerRef, first, last, following, onScroll, jumpToEnd } = useVirtualRows(
    count,
    ROW_HEIGHT,
    version,
  );
  const selection = useSelection();
  const selectedSeq = selection?.kind === 'message' ? selection.seq : null;
  const onSelect = useCallback((seq: number) => selectionStore.set({ kind: 'message', seq }), []);

  const firstKept = stats?.firstSeq ?? 1;

  // Enter in the search field asks for a match to be brought into view.
  const reveal = useSyncExternalStore(revealRequest.subscribe, revealRequest.getSnapshot);
  useEffect(() => {
    const el = scrollerRef.current;
    if (!reveal || !el) return;
    const index = filtered ? lowerBound(filtered, reveal.seq) : reveal.seq - viewFirst;
    el.scrollTop = Math.max(0, index * ROW_HEIGHT - el.clientHeight / 2);
    // Only a new request scrolls: later rows must not pull the view back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal]);
  const highlight = usePayloadHighlight(
    useSyncExternalStore(payloadSearch.subscribe, payloadSearch.getSnapshot),
  );

  // Up and Down move the selection (and the detail pane with it), scrolling as needed.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (count === 0) return;
    event.preventDefault();
    const current =
      selectedSeq === null ? -1 : filtered ? lowerBound(filtered, selectedSeq) : selectedSeq - viewFirst;
    const known = current >= 0 && current < count && seqAt(current) === selectedSeq;
    const next = known
      ? Math.max(0, Math.min(count - 1, current + (event.key === 'ArrowDown' ? 1 : -1)))
      : first;
    selectionStore.set({ kind: 'message', seq: seqAt(next) });
    const el = scrollerRef.current;
    if (!el) return;
    if (next * ROW_HEIGHT < el.scrollTop) el.scrollTop = next * ROW_HEIGHT;
    else if ((next + 1) * ROW_HEIGHT > el.scrollTop + el.clientHeight) {
      el.scrollTop = (next + 1) * ROW_HEIGHT - el.clientHeight;
    }
  };
  const seqs: number[] = [];
  for (let i = first; i < last; i++) seqs.push(seqAt(i));
  useMissingRows(
    connectionId,
    seqs.filter((seq) => seq >= firstKept),
  );

  return (
    // No accessible name on the section: "Messages" names the table alone, one match for tests.
    <section className="messages">
      <div className="message-table" role="table" aria-label={t('messages.title')} aria-rowcount={count + 1}>
        <div role="rowgroup">
          <div role="row" className="message-head" aria-rowindex={1}>
            <span role="columnheader">{t('messages.column.time')}</span>
            <span role="columnheader" title={t('messages.column.qosTitle')}>
              {t('messages.column.qos')}
            </span>
            <span role="columnheader" title={t('messages.column.retainTitle')}>
              {t('messages.column.retain')}
            </span>
            {/* The two columns that shrink with the pane carry their names as titles. */}
            <span role="columnheader" title={t('messages.column.topic')}>
              {t('messages.column.topic')}
            </span>
            <span role="columnheader" title={t('messages.column.payload')}>
              {t('messages.column.payload')}
            </span>
            <span role="columnheader" className="message-size">
              {t('messages.column.size')}
            </span>
          </div>
        </div>
        <div
          ref={scrollerRef}
          className="message-scroller"
          role="rowgroup"
          // Reachable by keyboard: Up/Down select, Page Up/Down and Home/End scroll.
          tabIndex={0}
          aria-label={t('messages.rows')}
          onScroll={onScroll}
          onKeyDown={onKeyDown}
        >
          <div className="message-canvas" style={{ height: count * ROW_HEIGHT }}>
            <div style={{ transform: `translateY(${first * ROW_HEIGHT}px)` }}>
              {seqs.map((seq, i) => {
                const row = streamStore.row(seq);
                // Row 1 is the header, so message n is row n + 1.
                const rowIndex = first + i + 2;
                return row ? (
                  <MessageRow
                    key={seq}
                    message={row}
                    rowIndex={rowIndex}
                    selected={seq === selectedSeq}
                    onSelect={onSelect}
                    highlight={highlight}
                  />
                ) : (
                  <PlaceholderRow key={seq} rowIndex={rowIndex} evicted={seq < firstKept} />
                );
              })}
            </div>
          </div>
        </div>
      </div>
      {!following && count > 0 && (
        <button type="button" className="button-small jump-to-newest" onClick={jumpToEnd}>
          {t('messages.jumpToNewest')}
        </button>
      )}
      {count === 0 && (
        <p className="empty-state">{filtered ? t('messages.empty.noMatch') : t('messages.empty.none')}</p>
      )}
    </section>
  );
}
