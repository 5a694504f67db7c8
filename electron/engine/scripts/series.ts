/**
 * A chart series whose value is a transform's result: the topic's kept messages go through
 * the script worker in batches when a chart asks (never on ingest), and the number each
 * returns (or the number at a JSON path inside it) is the point.
 */
import { parseJsonPath, pickJsonPath, type ScriptError, type SeriesResult } from '../../contract';
import { EngineError } from '../errors';
import type { MessageStream } from '../stream/message-stream';
import { text } from '../text/keys';
import { wireMessage } from './marshal';
import type { CallOutcome, WireMessage } from './protocol';
import { scriptFailure } from './script-error';

/** Messages per worker request: each request has its own time budget and a fresh sandbox. */
export const SERIES_BATCH = 1000;

export type RunTransform = (messages: (WireMessage | null)[]) => Promise<CallOutcome[] | ScriptError>;

function valueAt(json: string, steps: readonly (string | number)[] | null): number | null {
  const value = JSON.parse(json) as unknown;
  const picked = steps === null ? value : pickJsonPath(value, steps);
  return typeof picked === 'number' && Number.isFinite(picked) ? picked : null;
}

export async function transformSeries(
  stream: MessageStream,
  run: RunTransform,
  input: { topic: string; path: string | undefined; afterSeq: number; payloadMax: number },
): Promise<SeriesResult> {
  const { path } = input;
  const blank = path === undefined || path.trim() === '';
  const steps = blank ? null : parseJsonPath(path);
  if (steps === null && !blank) {
    throw new EngineError('invalid-input', text('stream.notJsonPath', { path }));
  }
  // lastSeq is read with the entries: messages arriving while the worker runs come next time.
  const { entries, lastSeq } = stream.seriesEntries(input.topic, input.afterSeq);
  const t = entries.map((entry) => entry.receivedAt);
  const v: (number | null)[] = [];
  let skipped = 0;
  let failed: SeriesResult['failed'];
  const fail = (error: ScriptError) => {
    failed = failed ? { ...failed, count: failed.count + 1 } : { count: 1, first: error };
  };
  for (let start = 0; start < entries.length; start += SERIES_BATCH) {
    const batch = entries.slice(start, start + SERIES_BATCH);
    // Read each payload just before its batch runs, and only while the log still keeps it.
    const messages = batch.map((entry) =>
      stream.entry(entry.seq) === entry && entry.length <= input.payloadMax ? wireMessage(entry) : null,
    );
    const outcome = await run(messages);
    messages.forEach((message, i) => {
      const result = Array.isArray(outcome) ? outcome[i] : { ok: false as const, error: outcome };
      let value: number | null = null;
      if (message === null) {
        // Evicted or too large to read: a gap, not the script's fault.
      } else if (!result) {
        fail(scriptFailure('scripts.error.noAnswer'));
      } else if (!result.ok) {
        fail(result.error);
      } else {
        value = valueAt(result.json, steps);
      }
      if (value === null) skipped++;
      v.push(value);
    });
  }
  return { t, v, skipped, lastSeq, ...(failed && { failed }) };
}
