import { memo } from 'react';
import { decodePayload, formatBytes, formatTime } from './format';
import type { StoredMessage } from './message-store';

interface Props {
  message: StoredMessage;
  /** 1-based among all rows, header included: virtualised rows still say where they are. */
  rowIndex: number;
}

/** One received message on one line. Memoised: a row renders once, however long it stays. */
export const MessageRow = memo(function MessageRow({ message, rowIndex }: Props) {
  const payload = decodePayload(message);
  const time = formatTime(message.receivedAt);
  return (
    <div role="row" className="message-row" aria-rowindex={rowIndex}>
      <span role="cell" className="message-time">
        {time}
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
      <span role="cell" className="message-payload" title={payload.full}>
        {payload.preview || <span className="message-empty">(empty)</span>}
      </span>
      <span role="cell" className="message-size">
        {formatBytes(message.payload.byteLength)}
      </span>
    </div>
  );
});
