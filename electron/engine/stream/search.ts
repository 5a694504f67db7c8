import {
  compilePayloadQuery,
  compileTopicMatch,
  mqttFilterMatches,
  type MessageSearchResult,
  type ParsedRequestInput,
} from '../../contract';
import { EngineError } from '../errors';
import type { LogEntry } from './message-log';

export type SearchInput = Omit<ParsedRequestInput<'messages.search'>, 'connectionId'>;

/** What a search reads of its connection's stream; looked up again after every pause. */
export interface SearchableLog {
  epoch(): number;
  firstSeq(): number;
  lastSeq(): number;
  get(seq: number): LogEntry | undefined;
}

/** The decoded JSON of an entry a codec applies to, or null: searched beside the raw text. */
export type DecodedText = (entry: LogEntry) => string | null;

/** Work this long, then let ingest, polls and timers run before going on. */
export const SLICE_MS = 8;

const lenient = new TextDecoder('utf-8', { fatal: false });
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Searches one connection's kept log in time slices. Each searchId has one live search: a
 * newer one with the same id makes the older answer `cancelled` at its next slice, so a
 * user typing a query costs one scan at a time, not one per keystroke.
 */
export class LogSearcher {
  private readonly live = new Map<string, number>();
  private generation = 0;

  constructor(private readonly log: SearchableLog) {}

  async search(input: SearchInput, decodedText?: DecodedText): Promise<MessageSearchResult> {
    const topic = input.match ? compileTopicMatch(input.match) : null;
    if (topic && !topic.ok) throw new EngineError('invalid-input', topic.error);
    const payload = input.payload ? compilePayloadQuery(input.payload) : null;
    if (payload && !payload.ok) throw new EngineError('invalid-input', payload.error);
    const topicTest = topic && !topic.isAll ? topic.test : null;
    const within = input.within;
    const payloadTest = payload?.test ?? null;

    const mine = ++this.generation;
    this.live.set(input.searchId, mine);
    const epoch = this.log.epoch();
    // One topic verdict per distinct topic: logs repeat topics a lot.
    const verdicts = new Map<string, boolean>();
    const seqs: number[] = [];
    let scanned = 0;
    let seq = Math.max(input.afterSeq + 1, this.log.firstSeq());
    const lastSeq = this.log.lastSeq();
    let sliceStart = performance.now();
    try {
      while (seq <= lastSeq) {
        if ((scanned & 255) === 0 && performance.now() - sliceStart > SLICE_MS) {
          await yieldToLoop();
          if (this.live.get(input.searchId) !== mine || this.log.epoch() !== epoch) {
            return { seqs: [], lastSeq, epoch, cancelled: true, scanned };
          }
          sliceStart = performance.now();
          // Evicted while we waited: carry on from the oldest kept.
          seq = Math.max(seq, this.log.firstSeq());
        }
        const entry = this.log.get(seq);
        seq++;
        scanned++;
        if (!entry) continue;
        let verdict = verdicts.get(entry.topic);
        if (verdict === undefined) {
          verdict =
            (topicTest === null || topicTest(entry.topic)) &&
            (within === undefined || mqttFilterMatches(within, entry.topic));
          verdicts.set(entry.topic, verdict);
        }
        if (!verdict) continue;
        if (payloadTest && !payloadTest(lenient.decode(entry.payload))) {
          const decoded = decodedText?.(entry) ?? null;
          if (decoded === null || !payloadTest(decoded)) continue;
        }
        seqs.push(entry.seq);
      }
    } finally {
      if (this.live.get(input.searchId) === mine) this.live.delete(input.searchId);
    }
    return { seqs, lastSeq, epoch, cancelled: false, scanned };
  }
}
