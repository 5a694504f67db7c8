/**
 * Searching the kept message log: by topic (the shared topic filter), by tree scope (an
 * MQTT filter, the node selected in the topic tree) and inside payloads (text or regular
 * expression). Payload matching is pure here so the renderer marks a bad regex in the
 * field with the same words the engine would answer with.
 */
import { z } from 'zod';
import type { EngineText } from './engine-text';
import { OnConnection, TopicFilterSchema, request } from './common';
import { ProfileIdSchema } from './profiles';
import { TopicMatchSchema } from './topic-match';

export const PayloadQuerySchema = z
  .object({
    text: z.string().min(1).max(4096),
    /** contains: a plain substring; regex: a JavaScript regular expression (Unicode mode). */
    mode: z.enum(['contains', 'regex']).default('contains'),
    caseSensitive: z.boolean().default(false),
  })
  .strict();
export type PayloadQueryInput = z.input<typeof PayloadQuerySchema>;
export type PayloadQuery = z.output<typeof PayloadQuerySchema>;

export type PayloadPredicate = (text: string) => boolean;
export type CompiledPayloadQuery = { ok: true; test: PayloadPredicate } | { ok: false; error: EngineText };

export function compilePayloadQuery(input: PayloadQueryInput): CompiledPayloadQuery {
  const query = PayloadQuerySchema.parse(input);
  if (query.mode === 'contains') {
    if (query.caseSensitive) return { ok: true, test: (text) => text.includes(query.text) };
    const needle = query.text.toLowerCase();
    return { ok: true, test: (text) => text.toLowerCase().includes(needle) };
  }
  let re: RegExp;
  try {
    re = new RegExp(query.text, query.caseSensitive ? 'u' : 'iu');
  } catch (error) {
    return { ok: false, error: { key: 'query.badRegex', params: { detail: (error as Error).message } } };
  }
  return { ok: true, test: (text) => re.test(text) };
}

/** Where the first match of a compiled query sits in `text`, for highlighting; null when none. */
export function findPayloadMatch(query: PayloadQuery, text: string): { start: number; end: number } | null {
  if (query.mode === 'contains') {
    const at = query.caseSensitive
      ? text.indexOf(query.text)
      : text.toLowerCase().indexOf(query.text.toLowerCase());
    return at === -1 ? null : { start: at, end: at + query.text.length };
  }
  try {
    const m = new RegExp(query.text, query.caseSensitive ? 'u' : 'iu').exec(text);
    return m ? { start: m.index, end: m.index + m[0].length } : null;
  } catch {
    return null;
  }
}

export interface MessageSearchResult {
  /** Seqs of the kept messages that match, ascending. */
  seqs: number[];
  /** The newest seq the search looked at: later rows need a follow-up search (afterSeq). */
  lastSeq: number;
  epoch: number;
  /** A newer search with the same searchId replaced this one, or the log was cleared. */
  cancelled: boolean;
  /** Messages looked at. */
  scanned: number;
}

export const searchRequests = {
  /**
   * Seqs of the kept messages matching every given part. Runs in slices so ingest goes on;
   * a newer search with the same searchId on the same connection cancels this one (its
   * answer says cancelled), so typing never queues up scans.
   */
  'messages.search': request<MessageSearchResult>()(
    OnConnection.extend({
      match: TopicMatchSchema.optional(),
      /** The topic tree's scope: an MQTT filter such as "home/kitchen/#". */
      within: TopicFilterSchema.optional(),
      payload: PayloadQuerySchema.optional(),
      /**
       * Also match the payload query inside the decoded JSON of payloads a codec applies to
       * (this profile's bindings, the content type, the Sparkplug namespace).
       */
      decoded: z.object({ profileId: ProfileIdSchema.optional() }).strict().optional(),
      /** Only messages after this seq (a follow-up for rows that arrived since). */
      afterSeq: z.number().int().min(0).default(0),
      searchId: z.string().min(1).max(64).default('list'),
    }).strict(),
  ),
  /** Seqs of the kept messages on the same topic as message `seq`, ascending (older/newer). */
  'messages.topicHistory': request<{ topic: string; seqs: number[] }>()(
    OnConnection.extend({ seq: z.number().int().min(1) }).strict(),
  ),
} as const;
