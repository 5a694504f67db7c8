import { memo } from 'react';
import type { MessageSummary } from '../../electron/contract';
import { formatBytes, formatTime, previewText } from './format';

interface Props {
  message: MessageSummary;
  /** 1-based among all rows, header included: virtualised rows still say where they are. */
  rowIndex: number;
  selected: boolean;
  onSelect(seq: number): void;
}

/** One received message on one line. Memoised: a row renders once, however long it stays. */
export const MessageRow = memo(function MessageRow({ message, rowIndex, selected, onSelect }: Props) {
  const preview = previewText(message);
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
      <span role="cell" className="message-retain" title={message.retain ? 'Retained message' : undefined}>
        {message.retain ? 'R' : ''}
      </span>
      <span role="cell" className="message-topic" title={message.topic}>
        {message.topic}
      </span>
      <span role="cell" className="message-payload">
        {preview || <span className="message-empty">(empty)</span>}
      </span>
      <span
        role="cell"
        className="message-size"
        title={
          message.truncatedAt !== undefined
            ? `Truncated at ${message.truncatedAt.toLocaleString()} bytes of ${message.size.toLocaleString()}`
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
  return (
    <div role="row" className="message-row message-placeholder" aria-rowindex={rowIndex}>
      <span role="cell" className="message-empty">
        {evicted ? 'dropped (log limit)' : '…'}
      </span>
    </div>
  );
}
