import { useSyncExternalStore } from 'react';
import { MessageRow } from './MessageRow';
import { messageStore } from './message-store';
import { useVirtualRows } from './use-virtual-rows';

/** Must match .message-row's height in messages.css: windowing computes with it. */
const ROW_HEIGHT = 20;

export function MessageList() {
  const snapshot = useSyncExternalStore(messageStore.subscribe, messageStore.getSnapshot);
  const { messages, dropped, limit, version } = snapshot;
  const { scrollerRef, first, last, following, onScroll, jumpToEnd } = useVirtualRows(
    messages.length,
    ROW_HEIGHT,
    version,
  );
  const visible = messages.slice(first, last);

  return (
    // No accessible name on the section: "Messages" names the table alone, one match for tests.
    <section className="messages">
      <div className="toolbar">
        <h2 className="section-title">Messages</h2>
        <span className="muted">{messages.length.toLocaleString()}</span>
        {dropped > 0 && (
          <span className="notice" role="note">
            {dropped.toLocaleString()} older {dropped === 1 ? 'message was' : 'messages were'} dropped: only
            the newest {limit.toLocaleString()} are kept.
          </span>
        )}
        <span className="toolbar-spacer" />
        {!following && messages.length > 0 && (
          <button type="button" className="button-small" onClick={jumpToEnd}>
            Jump to newest
          </button>
        )}
        <button
          type="button"
          className="button-small"
          onClick={() => messageStore.clear()}
          disabled={messages.length === 0 && dropped === 0}
        >
          Clear messages
        </button>
      </div>
      <div className="message-table" role="table" aria-label="Messages" aria-rowcount={messages.length + 1}>
        <div role="rowgroup">
          <div role="row" className="message-head" aria-rowindex={1}>
            <span role="columnheader">Time</span>
            <span role="columnheader" title="Quality of service">
              Q
            </span>
            <span role="columnheader" title="Retained flag">
              R
            </span>
            <span role="columnheader">Topic</span>
            <span role="columnheader">Payload</span>
            <span role="columnheader" className="message-size">
              Size
            </span>
          </div>
        </div>
        <div
          ref={scrollerRef}
          className="message-scroller"
          role="rowgroup"
          // Scrollable content must be reachable by keyboard (arrows, Page Up/Down).
          tabIndex={0}
          onScroll={onScroll}
        >
          <div className="message-canvas" style={{ height: messages.length * ROW_HEIGHT }}>
            <div style={{ transform: `translateY(${first * ROW_HEIGHT}px)` }}>
              {visible.map((message, i) => (
                // Row 1 is the header, so message n is row n + 1.
                <MessageRow key={message.seq} message={message} rowIndex={first + i + 2} />
              ))}
            </div>
          </div>
        </div>
      </div>
      {messages.length === 0 && (
        <p className="empty-state">No messages yet. Messages matching your subscriptions appear here.</p>
      )}
    </section>
  );
}
