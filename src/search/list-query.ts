import {
  compilePayloadQuery,
  PayloadQuerySchema,
  type PayloadQuery,
  type TopicPredicate,
} from '../../electron/contract';
import { mqttFilterMatches } from '../../electron/contract';
import { createValueStore } from '../api/store';
import { engineText } from '../i18n/engine-text';

/** What the payload field holds; empty text searches topics only. */
export interface PayloadSearchInput {
  text: string;
  mode: 'contains' | 'regex';
  caseSensitive: boolean;
}

export const payloadSearch = createValueStore<PayloadSearchInput>({
  text: '',
  mode: 'contains',
  caseSensitive: false,
});

/** The topic tree node that narrows the list (that topic and everything below it), or null. */
export const listScope = createValueStore<string | null>(null);

/** How the list's engine search is doing, for the bar's status and count. */
export const searchProgress = createValueStore<{ pending: boolean; error: string | null }>({
  pending: false,
  error: null,
});

/** A message the list should scroll to (Enter in the search field), with a nonce to repeat. */
export const revealRequest = createValueStore<{ seq: number; nonce: number } | null>(null);

/** The MQTT filter for a tree node: the topic itself and every level below it. */
export function scopeFilter(path: string): string {
  return `${path}/#`;
}

export function scopePredicate(path: string | null): TopicPredicate | null {
  if (path === null) return null;
  const filter = scopeFilter(path);
  return (topic) => mqttFilterMatches(filter, topic);
}

export type ParsedPayloadSearch = { query: PayloadQuery | null; error: string | null };

/** The field's content as a query, or the sentence that marks the field (a bad regex). */
export function parsePayloadSearch(input: PayloadSearchInput): ParsedPayloadSearch {
  if (input.text === '') return { query: null, error: null };
  const parsed = PayloadQuerySchema.safeParse(input);
  if (!parsed.success) return { query: null, error: parsed.error.issues[0]?.message ?? 'Invalid query.' };
  const compiled = compilePayloadQuery(parsed.data);
  return compiled.ok
    ? { query: parsed.data, error: null }
    : { query: null, error: engineText(compiled.error) };
}
