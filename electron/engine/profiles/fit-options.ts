/**
 * Imports read options from files and code written for other tools: most fields map,
 * some do not fit our rules. Rather than refuse a whole profile for one bad will topic,
 * drop the optional group that fails and say so.
 */
import type { z } from 'zod';
import {
  EngineTextSchema,
  ProfileOptionsSchema,
  ruleText,
  type EngineText,
  type ParsedProfileOptions,
  type TextParams,
} from '../../contract';
import { nestText } from '../errors';
import { text, type FixedKey } from '../text/keys';

export interface Note {
  field: string;
  text: EngineText;
}

type NoteKey = FixedKey extends infer K ? (K extends `importNote.${infer N}` ? N : never) : never;

/** An import note's sentence: a key of its own (`importNote.…`) with its parameters. */
export const note = (key: NoteKey, params: TextParams = {}): EngineText => text(`importNote.${key}`, params);

/**
 * A note about a rule the imported value broke: the contract's rule by its key, or zod's own
 * words as a `detail` parameter (foreign words are data, never the sentence).
 */
export function issueNote(
  issue: z.core.$ZodIssue | undefined,
  key: 'leftOut' | 'invalid' | 'badSubscription',
  params: TextParams = {},
): EngineText {
  // The contract's rules carry their sentence: by key in place of the message, or (the topic
  // rules) as an engine text in the issue's params.
  const carried = issue?.code === 'custom' ? EngineTextSchema.safeParse(issue.params?.['text']) : null;
  const rule = carried?.success ? carried.data : issue ? ruleText(issue.message) : null;
  if (rule) return note(key, { ...params, ...nestText('why', rule) });
  return note(`${key}Detail`, { ...params, detail: issue?.message ?? '' });
}

/** Groups that may be dropped without changing where and how the connection goes. */
const DROPPABLE = new Set([
  'will',
  'connectProperties',
  'wsHeaders',
  'sessionExpirySeconds',
  'clientId',
  'username',
]);

export type FitResult =
  { ok: true; options: ParsedProfileOptions; notes: Note[] } | { ok: false; notes: Note[] };

export function fitOptions(raw: Record<string, unknown>): FitResult {
  const notes: Note[] = [];
  let candidate = { ...raw };
  for (let attempt = 0; attempt < DROPPABLE.size + 1; attempt++) {
    const parsed = ProfileOptionsSchema.safeParse(candidate);
    if (parsed.success) return { ok: true, options: parsed.data, notes };
    const issue = parsed.error.issues[0];
    const top = issue?.path[0];
    const where = issue?.path.map(String).join('.') ?? '';
    if (issue && typeof top === 'string' && DROPPABLE.has(top) && top in candidate) {
      notes.push({ field: where, text: issueNote(issue, 'leftOut') });
      const { [top]: _dropped, ...rest } = candidate;
      candidate = rest;
      continue;
    }
    notes.push({
      field: where || 'options',
      text: issue ? issueNote(issue, 'invalid') : note('optionsInvalid'),
    });
    return { ok: false, notes };
  }
  return { ok: false, notes };
}
