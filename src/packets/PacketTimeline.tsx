import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PacketRecord } from '../../electron/contract';
import type { PacketPair } from './packet-pairs';
import { packetDelta, packetSummary, packetTime } from './packet-summary';

const ROW_HEIGHT = 20;

interface Props {
  packets: readonly PacketRecord[];
  pairs: ReadonlyMap<number, PacketPair>;
  selectedSeq: number | null;
  onSelect: (seq: number | null) => void;
}

/**
 * The packets, one line each, windowed by @tanstack/react-virtual so a full ring of 5000
 * costs as much as a screenful. A listbox: arrow keys move the selection, and the view
 * follows the tail while it is scrolled to the end.
 */
export function PacketTimeline({ packets, pairs, selectedSeq, onSelect }: Props) {
  const { t } = useTranslation();
  const baseId = useId();
  const scrollerRef = useRef<HTMLDivElement | null>(null);
  const followingRef = useRef(true);
  const [following, setFollowing] = useState(true);
  const virtualizer = useVirtualizer({
    count: packets.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (el && followingRef.current) el.scrollTop = el.scrollHeight;
  }, [packets]);

  const onScroll = useCallback(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT / 2;
    followingRef.current = atEnd;
    setFollowing(atEnd);
  }, []);

  const selectedIndex = selectedSeq === null ? -1 : packets.findIndex((p) => p.seq === selectedSeq);

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: selectedIndex + 1,
      ArrowUp: selectedIndex === -1 ? packets.length - 1 : selectedIndex - 1,
      Home: 0,
      End: packets.length - 1,
      PageDown: selectedIndex + 10,
      PageUp: selectedIndex - 10,
    };
    const target = moves[event.key];
    if (target === undefined || packets.length === 0) return;
    event.preventDefault();
    const index = Math.max(0, Math.min(packets.length - 1, target));
    onSelect(packets[index]?.seq ?? null);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  const rowId = (seq: number) => `${baseId}-p${seq}`;
  const first = packets[0];

  return (
    <div className="packet-timeline">
      <div className="packet-row packet-head" aria-hidden="true">
        <span>{t('packets.column.time')}</span>
        <span>{t('packets.column.delta')}</span>
        <span />
        <span>{t('packets.column.type')}</span>
        <span>{t('packets.column.id')}</span>
        <span className="packet-rtt">{t('packets.column.rtt')}</span>
        <span>{t('packets.column.fields')}</span>
      </div>
      <div
        ref={scrollerRef}
        className="packet-scroller"
        role="listbox"
        aria-label={t('packets.title')}
        tabIndex={0}
        aria-activedescendant={selectedIndex >= 0 && selectedSeq !== null ? rowId(selectedSeq) : undefined}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const p = packets[item.index];
            if (!p) return null;
            const previous = packets[item.index - 1];
            const selected = p.seq === selectedSeq;
            const arrow = p.direction === 'out' ? '→' : '←';
            const pair = pairs.get(p.seq);
            return (
              <div
                key={p.seq}
                id={rowId(p.seq)}
                role="option"
                aria-selected={selected}
                className={`packet-row dir-${p.direction} type-${p.type}${selected ? ' is-selected' : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
                onClick={() => onSelect(selected ? null : p.seq)}
              >
                <span className="mono">{packetTime(p.at)}</span>
                <span
                  className="mono muted"
                  title={first ? t('packets.sinceFirst', { ms: Math.round(p.at - first.at) }) : undefined}
                >
                  {packetDelta(previous ? p.at - previous.at : null)}
                </span>
                <span
                  className="packet-dir"
                  title={p.direction === 'out' ? t('packets.sentTitle') : t('packets.receivedTitle')}
                >
                  <span aria-hidden="true">{arrow}</span>
                  <span className="sr-only">
                    {p.direction === 'out' ? t('packets.out') : t('packets.in')}
                  </span>
                </span>
                <span className="packet-type">{p.type.toUpperCase()}</span>
                <span className="mono muted">{p.messageId ?? ''}</span>
                <span
                  className="mono muted packet-rtt"
                  title={pair ? t('packets.paired', { seq: pair.partnerSeq, ms: pair.rttMs }) : undefined}
                >
                  {pair ? t('packets.ms', { ms: pair.rttMs }) : ''}
                </span>
                <span className="mono packet-summary">{packetSummary(p)}</span>
              </div>
            );
          })}
        </div>
      </div>
      {!following && packets.length > 0 && (
        <button
          type="button"
          className="button-small packet-jump"
          onClick={() => {
            followingRef.current = true;
            setFollowing(true);
            const el = scrollerRef.current;
            if (el) el.scrollTop = el.scrollHeight;
          }}
        >
          {t('messages.jumpToNewest')}
        </button>
      )}
    </div>
  );
}
