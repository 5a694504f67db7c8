/**
 * A zod issue as an engine text: which rule failed, with the expected and received kind and
 * the limits as parameters, so the renderer words an invalid input in the user's language.
 * zod's own English message is kept only for logs.
 */
import type { z } from 'zod';
import type { EngineText } from '../../contract';
import { EngineTextSchema, ruleText } from '../../contract';
import { text } from './keys';

type Issue = z.core.$ZodIssue;

/** The kind of a value, as zod names expected types ("string", "array", "null"). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Uint8Array) return 'bytes';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value;
}

/** At most a few listed values or keys, each clipped: an issue never echoes a megabyte. */
function listed(values: readonly unknown[]): string {
  const shown = values.slice(0, 8).map((v) => {
    const s = typeof v === 'string' ? `"${v}"` : String(v);
    return s.length > 40 ? `${s.slice(0, 40)}…` : s;
  });
  return values.length > 8 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** The sentence for one issue, without its path. `input` is present when parsed with reportInput. */
export function issueText(issue: Issue): EngineText {
  // The contract's own rules name their sentence by key ('input.rule.portRange').
  const ruled = ruleText(issue.message);
  if (ruled) return ruled;
  switch (issue.code) {
    case 'invalid_type':
      return text('input.type', { expected: issue.expected, received: kindOf(issue.input) });
    case 'invalid_value':
      return text('input.value', { expected: listed(issue.values) });
    case 'too_small':
      return text('input.tooSmall', { origin: issue.origin, minimum: Number(issue.minimum) });
    case 'too_big':
      return text('input.tooBig', { origin: issue.origin, maximum: Number(issue.maximum) });
    case 'invalid_format':
      return text('input.format', { format: issue.format });
    case 'unrecognized_keys':
      return text('input.unrecognizedKeys', { keys: listed(issue.keys) });
    case 'not_multiple_of':
      return text('input.notMultiple', { divisor: Number(issue.divisor) });
    case 'invalid_union':
      return text('input.union');
    case 'invalid_key':
      return text('input.invalidKey');
    case 'invalid_element':
      return text('input.invalidElement');
    case 'custom': {
      // A contract rule that words its own problem (the topic rules) carries it in params.
      const carried = EngineTextSchema.safeParse(issue.params?.['text']);
      // A rule that words itself in English still (JSON Schema, templates): passed on as a detail.
      return carried.success ? carried.data : text('input.said', { detail: issue.message });
    }
    default:
      return text('input.other');
  }
}
