import { PREVIEW_BYTES, type MessageDetail, type MessageSummary } from '../../contract';
import type { LogEntry } from './message-log';
import { ownBytes } from './payload-store';

/** What a list row needs. The preview is a copy: a view would drag the whole payload along. */
export function summarize(entry: LogEntry): MessageSummary {
  const summary: MessageSummary = {
    seq: entry.seq,
    topic: entry.topic,
    qos: entry.qos,
    retain: entry.retain,
    size: entry.size,
    preview: entry.payload.slice(0, PREVIEW_BYTES),
    receivedAt: entry.receivedAt,
    hasProperties: entry.properties !== undefined,
  };
  if (entry.truncatedAt !== undefined) summary.truncatedAt = entry.truncatedAt;
  return summary;
}

/** Up to `maxBytes` of the kept payload, in a buffer of its own (only those bytes travel). */
function head(payload: Uint8Array, maxBytes: number): Uint8Array {
  return payload.byteLength > maxBytes ? payload.slice(0, maxBytes) : ownBytes(payload);
}

export function detail(entry: LogEntry, previous: LogEntry | undefined, maxBytes: number): MessageDetail {
  const out: MessageDetail = { ...summarize(entry), payload: head(entry.payload, maxBytes) };
  if (entry.properties) out.properties = entry.properties;
  if (previous) {
    out.previous = {
      seq: previous.seq,
      receivedAt: previous.receivedAt,
      size: previous.size,
      payload: head(previous.payload, maxBytes),
    };
  }
  return out;
}
