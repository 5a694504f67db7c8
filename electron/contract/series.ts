/**
 * Numeric series for charts, extracted in the engine from the kept log: a topic's
 * payloads as numbers, or one numeric field of JSON payloads (a JSON path).
 */
import { z } from 'zod';
import { OnConnection, request } from './common';
import { ProfileIdSchema } from './profiles';
import { ScriptIdSchema, type ScriptError } from './scripts';

/** A JSON path as "a.b[0].c" (a leading "$." is allowed); keys with dots need ["a.b"]. */
export const JsonPathSchema = z.string().max(1024);

/** The steps of a JSON path, or null when it does not parse. */
export function parseJsonPath(path: string): (string | number)[] | null {
  let rest = path.trim().replace(/^\$\.?/, '');
  const steps: (string | number)[] = [];
  while (rest !== '') {
    let m = /^\[(\d+)\]/.exec(rest);
    if (m) {
      steps.push(Number(m[1]));
    } else if ((m = /^\["((?:[^"\\]|\\.)*)"\]/.exec(rest))) {
      steps.push(JSON.parse(`"${m[1] ?? ''}"`) as string);
    } else if ((m = /^\.?([^.[\]]+)/.exec(rest))) {
      steps.push(m[1] ?? '');
    } else {
      return null;
    }
    rest = rest.slice(m[0].length);
  }
  return steps;
}

/** The value at `steps` inside `value`, or undefined. Own properties only. */
export function pickJsonPath(value: unknown, steps: readonly (string | number)[]): unknown {
  let at: unknown = value;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(at)) return undefined;
      at = at[step];
    } else {
      if (at === null || typeof at !== 'object' || Array.isArray(at) || !Object.hasOwn(at, step))
        return undefined;
      at = (at as Record<string, unknown>)[step];
    }
  }
  return at;
}

/** A payload's number: the whole text as a number, or a JSON path's numeric value; else null. */
export function numberFrom(text: string, steps: readonly (string | number)[] | null): number | null {
  if (steps === null) {
    const trimmed = text.trim();
    const n = trimmed === '' ? NaN : Number(trimmed);
    return Number.isFinite(n) ? n : null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    return null;
  }
  const picked = pickJsonPath(parsed, steps);
  return typeof picked === 'number' && Number.isFinite(picked) ? picked : null;
}

export interface SeriesResult {
  /** Epoch milliseconds of each kept message on the topic. */
  t: number[];
  /** Its value, or null where the payload (or the path) was not a number: a gap. */
  v: (number | null)[];
  /** Messages whose value was not a number. */
  skipped: number;
  /** Pass back as afterSeq for the messages that arrive later. */
  lastSeq: number;
  /** A transform series: messages whose transform threw or hit a limit (gaps, among `skipped`). */
  failed?: { count: number; first: ScriptError };
}

/** Read a series from the decoded value: `metric` picks a Sparkplug metric by name. */
export const DecodedSeriesSchema = z
  .object({ profileId: ProfileIdSchema.optional(), metric: z.string().min(1).max(1024).optional() })
  .strict();

/** Read the value a saved transform script returns for each message (run in batches on demand). */
export const TransformSeriesSchema = z
  .object({ profileId: ProfileIdSchema, scriptId: ScriptIdSchema })
  .strict();

export const seriesRequests = {
  'messages.series': request<SeriesResult>()(
    OnConnection.extend({
      topic: z.string().min(1).max(65535),
      /** Absent: the payload itself is the number. */
      path: JsonPathSchema.optional(),
      afterSeq: z.number().int().min(0).default(0),
      /**
       * Read the decoded value (the profile's bindings, the content type, the Sparkplug
       * namespace) instead of the payload text: `path` then points inside it, and `metric`
       * picks a Sparkplug metric by name (names from the birth when DATA carries aliases).
       */
      decoded: DecodedSeriesSchema.optional(),
      /** Run this transform over the topic's messages: `path` then points inside its result. */
      transform: TransformSeriesSchema.optional(),
    }).strict(),
  ),
} as const;
