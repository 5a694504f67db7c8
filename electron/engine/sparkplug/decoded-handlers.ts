import { encodeAs, type DecodeResult } from '../../codecs';
import {
  numberFrom,
  pickJsonPath,
  type DecodedPreview,
  type RequestHandlers,
  type SparkplugPreview,
} from '../../contract';
import type { EntryDecoder, PayloadCodecs } from '../codecs/payload-codecs';
import type { ConnectionManager } from '../connection-manager';
import { EngineError } from '../errors';
import type { MessageStream } from '../stream/message-stream';
import { SparkplugTracker, parseSparkplugTopic } from './tracker';

type Handled =
  'payload.previews' | 'sparkplug.state' | 'sparkplug.rebirth' | 'messages.search' | 'messages.series';

const PREVIEW_CHARS = 200;
const PREVIEW_METRICS = 6;
const METRIC_CHARS = 40;
/** Catching up the Sparkplug state yields to ingest and polls after this long. */
const SLICE_MS = 8;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function compact(value: unknown, max: number): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

type Fields = Record<string, unknown>;

function sparkplugPreview(topic: string, value: Fields, noBirth: boolean): SparkplugPreview {
  const metrics = (Array.isArray(value.metrics) ? value.metrics : []) as Fields[];
  const kind = parseSparkplugTopic(topic)?.kind ?? topic.split('/')[2] ?? '';
  const out: SparkplugPreview = {
    kind,
    count: metrics.length,
    metrics: metrics.slice(0, PREVIEW_METRICS).map((m) => ({
      ...(typeof m.name === 'string' ? { name: m.name } : {}),
      ...(m.alias !== undefined ? { alias: String(m.alias) } : {}),
      value: compact(m.value ?? null, METRIC_CHARS),
    })),
    unknownAliases: metrics.filter((m) => m.name === undefined && m.alias !== undefined).length,
    noBirth,
  };
  if (typeof value.seq === 'number') out.payloadSeq = value.seq;
  return out;
}

/** A decoded value's number at a metric (Sparkplug, by name) and then a JSON path. */
export function decodedNumber(
  result: DecodeResult,
  metric: string | undefined,
  steps: readonly (string | number)[] | null,
): number | null {
  if (!result.ok) return null;
  let at: unknown = result.value;
  if (metric !== undefined) {
    const metrics = pickJsonPath(at, ['metrics']);
    if (!Array.isArray(metrics)) return null;
    const found = (metrics as Fields[]).find((m) => m.name === metric);
    if (!found) return null;
    at = found.value;
  }
  if (steps) at = pickJsonPath(at, steps);
  if (typeof at === 'boolean') return at ? 1 : 0;
  if (typeof at === 'string' && metric !== undefined) return numberFrom(at, null);
  return typeof at === 'number' && Number.isFinite(at) ? at : null;
}

/**
 * Decoded values beyond the detail pane: previews for the rows on screen, payload search and
 * chart series inside decoded JSON, and the Sparkplug state with its rebirth command. All of
 * it reads the kept log when asked; nothing here runs on ingest.
 */
export function decodedValueHandlers(
  manager: ConnectionManager,
  codecs: PayloadCodecs,
): Pick<RequestHandlers, Handled> {
  const streams = manager.streams;
  const trackers = new Map<string, SparkplugTracker>();
  const catchingUp = new Map<string, Promise<SparkplugTracker>>();

  async function catchUp(connectionId: string, stream: MessageStream): Promise<SparkplugTracker> {
    let tracker = trackers.get(connectionId);
    if (!tracker || tracker.epoch !== stream.currentEpoch) {
      tracker = new SparkplugTracker(stream.currentEpoch);
      trackers.set(connectionId, tracker);
    }
    let sliceStart = performance.now();
    let count = 0;
    // Up to what was kept when asked: a flood arriving meanwhile is the next answer's work.
    const target = stream.stats().lastSeq;
    // A fresh walk after every pause: eviction may have moved the log's entries meanwhile.
    for (let paused = true; paused;) {
      paused = false;
      for (const entry of stream.entriesAfter(tracker.processedSeq)) {
        if (entry.seq > target) break;
        if (entry.topic.startsWith('spBv1.0/')) tracker.take(entry);
        else tracker.processedSeq = entry.seq;
        if ((++count & 63) === 0 && performance.now() - sliceStart > SLICE_MS) {
          await yieldToLoop();
          // A clear while we waited: start over with the new epoch.
          if (tracker.epoch !== stream.currentEpoch) return catchUp(connectionId, stream);
          sliceStart = performance.now();
          paused = true;
          break;
        }
      }
    }
    return tracker;
  }

  /** One catch-up at a time per connection: a second caller shares the running one. */
  function state(connectionId: string): Promise<SparkplugTracker> {
    // Trackers of removed connections go with them.
    for (const id of trackers.keys()) {
      try {
        streams.get(id);
      } catch {
        trackers.delete(id);
      }
    }
    const stream = streams.get(connectionId);
    const running = catchingUp.get(connectionId);
    if (running) return running;
    const next = catchUp(connectionId, stream).finally(() => catchingUp.delete(connectionId));
    catchingUp.set(connectionId, next);
    return next;
  }

  const decodedJson = (decode: EntryDecoder) => (entry: Parameters<EntryDecoder>[0]) => {
    const decoded = decode(entry);
    if (!decoded || !decoded.result.ok || decoded.result.codec === 'text') return null;
    return JSON.stringify(decoded.result.value);
  };

  return {
    'payload.previews': async ({ connectionId, seqs, profileId }) => {
      const stream = streams.get(connectionId);
      const decode = await codecs.decoderFor(profileId, stream);
      const out: DecodedPreview[] = [];
      for (const seq of seqs) {
        const entry = stream.entry(seq);
        if (!entry) continue;
        const decoded = decode(entry);
        // JSON and text already preview as what they are.
        if (!decoded || decoded.result.codec === 'json' || decoded.result.codec === 'text') continue;
        const { result } = decoded;
        if (!result.ok) {
          out.push({ seq, codec: result.codec, error: result.text });
        } else if (result.codec === 'sparkplugb') {
          const birth = codecs.aliasesFor(stream, entry.topic);
          const kind = parseSparkplugTopic(entry.topic)?.kind ?? '';
          const noBirth = kind.endsWith('DATA') && (birth === null || birth.seq > seq);
          out.push({
            seq,
            codec: result.codec,
            sparkplug: sparkplugPreview(entry.topic, result.value as Fields, noBirth),
          });
        } else {
          out.push({ seq, codec: result.codec, json: compact(result.value, PREVIEW_CHARS) });
        }
      }
      return out;
    },
    'sparkplug.state': async ({ connectionId }) => (await state(connectionId)).state(),
    'sparkplug.rebirth': async ({ connectionId, group, node }) => {
      const topic = `spBv1.0/${group}/NCMD/${node}`;
      const encoded = encodeAs(
        JSON.stringify({ metrics: [{ name: 'Node Control/Rebirth', datatype: 'Boolean', value: true }] }),
        { codec: 'sparkplugb' },
      );
      if (!encoded.ok) throw new EngineError('invalid-input', encoded.text);
      // Sparkplug 3.0 §6.4.1: NCMD goes at QoS 0, not retained.
      await manager.get(connectionId).publish({
        connectionId,
        topic,
        payload: { format: 'bytes', bytes: new Uint8Array(encoded.bytes) },
        qos: 0,
        retain: false,
      });
      return { topic, bytes: encoded.bytes.byteLength };
    },
    'messages.search': async ({ connectionId, decoded, ...input }) => {
      const stream = streams.get(connectionId);
      if (!decoded || !input.payload) return stream.search(input);
      return stream.search(input, decodedJson(await codecs.decoderFor(decoded.profileId, stream)));
    },
    'messages.series': async ({ connectionId, topic, path, afterSeq, decoded }) => {
      const stream = streams.get(connectionId);
      if (!decoded) return stream.series(topic, path, afterSeq);
      const decode = await codecs.decoderFor(decoded.profileId, stream);
      return stream.series(topic, path, afterSeq, (entry, steps) => {
        const result = decode(entry)?.result;
        return result ? decodedNumber(result, decoded.metric, steps) : null;
      });
    },
  };
}
