import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Rows drawn above and below the viewport, so a fast scroll shows no blank gap. */
const OVERSCAN = 12;

export interface VirtualRows {
  scrollerRef: RefObject<HTMLDivElement | null>;
  first: number;
  last: number;
  following: boolean;
  onScroll: () => void;
  jumpToEnd: () => void;
}

/**
 * Fixed-height windowing (by @tanstack/react-virtual): only the rows in view exist in the
 * DOM, so 5000 messages cost as much as 50. While the view is at the bottom it follows the
 * tail as rows arrive; scrolling up stops that until the user returns to the end.
 */
export function useVirtualRows(count: number, rowHeight: number, version: number): VirtualRows {
  const scrollerRef = useRef<HTMLDivElement | null>(null);
  const [following, setFollowing] = useState(true);
  const followingRef = useRef(true);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
  });

  // After new rows land, stay pinned to the newest one.
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (el && followingRef.current) el.scrollTop = el.scrollHeight;
  }, [version, count]);

  // The pane shrinks or grows (a bar opens above it): stay at the tail if following it.
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      if (followingRef.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const onScroll = useCallback(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight / 2;
    followingRef.current = atEnd;
    setFollowing(atEnd);
  }, [rowHeight]);

  const jumpToEnd = useCallback(() => {
    const el = scrollerRef.current;
    if (!el) return;
    followingRef.current = true;
    setFollowing(true);
    el.scrollTop = el.scrollHeight;
  }, []);

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = (items[items.length - 1]?.index ?? -1) + 1;
  return { scrollerRef, first, last, following, onScroll, jumpToEnd };
}
