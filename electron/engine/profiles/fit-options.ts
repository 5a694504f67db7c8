/**
 * Imports read options from files and code written for other tools: most fields map,
 * some do not fit our rules. Rather than refuse a whole profile for one bad will topic,
 * drop the optional group that fails and say so.
 */
import { ProfileOptionsSchema, type ParsedProfileOptions } from '../../contract';

export interface Note {
  field: string;
  message: string;
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
      notes.push({ field: where, message: `Left out: ${issue.message}` });
      const { [top]: _dropped, ...rest } = candidate;
      candidate = rest;
      continue;
    }
    notes.push({ field: where || 'options', message: issue ? issue.message : 'The options are not valid.' });
    return { ok: false, notes };
  }
  return { ok: false, notes };
}
