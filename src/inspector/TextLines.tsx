import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';

const LINE_HEIGHT = 18;

/** Splits text into display rows: one per line, long lines cut every `width` characters. */
export function toRows(text: string, width: number): string[] {
  const rows: string[] = [];
  for (const line of text.split('\n')) {
    if (line.length <= width) rows.push(line);
    else for (let i = 0; i < line.length; i += width) rows.push(line.slice(i, i + width));
  }
  return rows;
}

/**
 * Text of any size, windowed by line: a 5 MB payload (or its pretty JSON) costs a screenful
 * of DOM, so "show all" never freezes the window. Long lines wrap at `width` characters.
 */
export function TextLines({ text, label, width = 2000 }: { text: string; label: string; width?: number }) {
  const scrollerRef = useRef<HTMLDivElement | null>(null);
  const rows = useMemo(() => toRows(text, width), [text, width]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 30,
  });
  const items = virtualizer.getVirtualItems();
  return (
    <div ref={scrollerRef} className="text-lines" tabIndex={0} role="region" aria-label={label}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        <div style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
          {items.map((item) => (
            <div key={item.index} className="text-line">
              {rows[item.index] || '\u00a0'}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
