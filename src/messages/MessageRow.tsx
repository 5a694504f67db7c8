import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageSummary, PayloadQuery } from '../../electron/contract';
import { formatBytes, formatNumber, formatTime } from '../i18n/format';
import { Highlighted } from '../search/highlight';
import { useDecodedPreview } from './decoded-previews';
import { previewText } from './format';

interface Props {
  message: MessageSummary;
  /** 1-based among all rows, header included: virtualised rows still say where they are. */
  rowIndex: number;
  selected: boolean;
  onSelect(seq: number): void;
  /** The payload query whose match the preview marks. */
  highlight?: PayloadQuery | null;
}

/** One received message on one line. Memoised: a row renders once, however long it stays. */
export const MessageRow = memo(function MessageRow({
  message,
  rowIndex,
  selected,
  onSelect,
  highlight = null,
}: Props) {
  const { t } = useTranslation();
  // A codec's decoded summary when one applies (asked of the engine for rows on screen).
  const preview = useDecodedPreview(message) ?? previewText(message);
  return (
    <div
      role="row"
      className="message-row"
      aria-rowindex={rowIndex}
      aria-selected={selected}
      onClick={() => onSelect(message.seq)}
    >
      <span role="cell" className="message-time">
        {formatTime(message.receivedAt)}
      </span>
      <span role="cell" className="message-qos" title={`QoS ${message.qos}`}>
        {message.qos}
      </span>
      <span
        role="cell"
        className="message-retain"
        title={message.retain ? t('messages.row.retained') : undefined}
      >
        {message.retain ? 'R' : ''}
      </span>
      <span role="cell" className="message-topic" title={message.topic}>
        {message.topic}
      </span>
      <span role="cell" className="message-payload" title={preview || undefined}>
        {preview ? (
          <Highlighted text={preview} query={highlight} />
        ) : (
          <span className="message-empty">{t('common.empty')}</span>
        )}
      </span>
      <span
        role="cell"
        className="message-size"
        title={
          message.truncatedAt !== undefined
            ? t('messages.row.truncated', {
                at: formatNumber(message.truncatedAt),
                size: formatNumber(message.size),
              })
            : undefined
        }
      >
        {message.truncatedAt !== undefined && <span className="truncated-mark">✂ </span>}
        {formatBytes(message.size)}
      </span>
    </div>
  );
});

/** A row whose summary is on its way from the engine, or was evicted from its log. */
export function PlaceholderRow({ rowIndex, evicted }: { rowIndex: number; evicted: boolean }) {
  const { t } = useTranslation();
  return (
    <div role="row" className="message-row message-placeholder" aria-rowindex={rowIndex}>
      <span role="cell" className="message-empty">
        {evicted ? t('messages.row.evicted') : '…'}
      </span>
    </div>
  );
}
