import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { hexLine } from './decode';

const LINE_HEIGHT = 18;

/** A hex dump with offsets, windowed: megabytes of payload cost a screenful of lines. */
export function HexView({ bytes, highlight }: { bytes: Uint8Array; highlight?: number }) {
  const { t } = useTranslation();
  const scrollerRef = useRef<HTMLDivElement | null>(null);
  const lines = Math.ceil(bytes.byteLength / 16);
  const virtualizer = useVirtualizer({
    count: lines,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
    initialOffset: highlight !== undefined ? Math.floor(highlight / 16) * LINE_HEIGHT : 0,
  });
  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollerRef}
      className="hex-view"
      tabIndex={0}
      role="region"
      aria-label={t('inspector.hexDump')}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        <div style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
          {items.map((item) => {
            const offset = item.index * 16;
            const line = hexLine(bytes, offset);
            const marked = highlight !== undefined && highlight >= offset && highlight < offset + 16;
            return (
              <div key={item.index} className={marked ? 'hex-line hex-marked' : 'hex-line'}>
                <span className="hex-offset">{line.offset}</span>
                <span className="hex-bytes">{line.hex}</span>
                <span className="hex-ascii">{line.ascii}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
