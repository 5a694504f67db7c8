import { compileTopicMatch, type MessageExportResult, type TopicMatchInput } from '../../contract';
import { EngineError } from '../errors';
import type { LogEntry } from './message-log';
import { text as say } from '../text/keys';

/** One export answers in one message: beyond this, narrow the filter (said, never cut). */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;

const strict = new TextDecoder('utf-8', { fatal: true });

/** The payload as text when it is UTF-8, otherwise as base64: nothing is lost either way. */
function payloadField(payload: Uint8Array): { payload: string; encoding: 'utf8' | 'base64' } {
  try {
    return { payload: strict.decode(payload), encoding: 'utf8' };
  } catch {
    return {
      payload: Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('base64'),
      encoding: 'base64',
    };
  }
}

function csvField(value: string | number | boolean): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CSV_HEADER = 'seq,time,topic,qos,retain,size,truncated_at,encoding,payload';

function line(entry: LogEntry, format: 'jsonl' | 'csv'): string {
  const { payload, encoding } = payloadField(entry.payload);
  const time = new Date(entry.receivedAt).toISOString();
  if (format === 'csv') {
    return [
      entry.seq,
      time,
      entry.topic,
      entry.qos,
      entry.retain,
      entry.size,
      entry.truncatedAt ?? '',
      encoding,
      payload,
    ]
      .map(csvField)
      .join(',');
  }
  return JSON.stringify({
    seq: entry.seq,
    time,
    topic: entry.topic,
    qos: entry.qos,
    retain: entry.retain,
    size: entry.size,
    ...(entry.truncatedAt !== undefined ? { truncatedAt: entry.truncatedAt } : {}),
    encoding,
    payload,
    ...(entry.properties ? { properties: entry.properties } : {}),
  });
}

/** The kept messages matching `match`, as JSON Lines or CSV (RFC 4180). */
export function exportEntries(
  entries: Iterable<LogEntry>,
  format: 'jsonl' | 'csv',
  match: TopicMatchInput | undefined,
): MessageExportResult {
  const compiled = compileTopicMatch(match ?? {});
  if (!compiled.ok) throw new EngineError('invalid-input', compiled.error);
  const lines: string[] = format === 'csv' ? [CSV_HEADER] : [];
  let chars = 0;
  let count = 0;
  for (const entry of entries) {
    if (!compiled.test(entry.topic)) continue;
    const text = line(entry, format);
    chars += text.length + 1;
    if (chars > MAX_EXPORT_CHARS) {
      throw new EngineError(
        'invalid-input',
        say('stream.exportTooLarge', { mb: MAX_EXPORT_CHARS / 1024 / 1024, count }),
      );
    }
    lines.push(text);
    count++;
  }
  return { content: lines.join('\n') + (lines.length > 0 ? '\n' : ''), count, format };
}
