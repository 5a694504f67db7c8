/**
 * Payload templates: `{{timestamp}}`, `{{iso}}`, `{{uuid}}`, `{{counter}}`,
 * `{{random(min,max)}}` and `{{clientId}}`, expanded at send time. Pure and shared: the
 * renderer expands a single publish and previews it, the engine expands each message of a
 * repeat, and both refuse the same unknown variable with the same sentence.
 *
 * `\{{` writes a literal `{{`, so a payload that must contain braces can still be sent.
 */
import type { EngineText } from './engine-text';

export interface TemplateContext {
  /** Epoch milliseconds for {{timestamp}} and {{iso}}. */
  now: number;
  /** 1 for the first message, 2 for the next, … (across a repeat too). */
  counter: number;
  clientId: string;
  uuid: () => string;
  /** Uniform in [0, 1), like Math.random; injected so tests are deterministic. */
  random: () => number;
}

export type TemplateResult =
  | { ok: true; text: string; /** Whether any variable was expanded. */ expanded: boolean }
  | {
      ok: false;
      /** Why, with the variable and its line and column as parameters. */
      text: EngineText;
      /** Zero-based offset of the offending `{{`. */
      index: number;
    };

export const TEMPLATE_VARIABLES = [
  'timestamp',
  'iso',
  'uuid',
  'counter',
  'random(min,max)',
  'clientId',
] as const;

const PLACEHOLDER = /\\\{\{|\{\{([^{}]*)\}\}/g;
const RANDOM_CALL = /^random\(\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\)$/;

/** True when the text holds something expandTemplate would change. */
export function hasTemplate(text: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  return PLACEHOLDER.test(text);
}

function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

type TemplateProblem = 'template.badRandom' | 'template.minAboveMax' | 'template.unknown';

function randomBetween(min: number, max: number, random: () => number, integers: boolean): string {
  if (integers) return String(Math.floor(random() * (max - min + 1)) + min);
  // Decimals in the bounds ask for decimals back; two places read well in a payload.
  return (random() * (max - min) + min).toFixed(2);
}

/** Expands one `{{…}}` body, or says why it cannot be. */
function expandOne(
  body: string,
  ctx: TemplateContext,
): string | { problem: TemplateProblem; params: Record<string, string> } {
  const name = body.trim();
  switch (name) {
    case 'timestamp':
      return String(ctx.now);
    case 'iso':
      return new Date(ctx.now).toISOString();
    case 'uuid':
      return ctx.uuid();
    case 'counter':
      return String(ctx.counter);
    case 'clientId':
      return ctx.clientId;
  }
  if (name.startsWith('random')) {
    const match = RANDOM_CALL.exec(name);
    if (!match)
      return { problem: 'template.badRandom', params: { name: `{{${name}}}`, example: '{{random(1,100)}}' } };
    const min = Number(match[1]);
    const max = Number(match[2]);
    if (min > max) return { problem: 'template.minAboveMax', params: { name: `{{${name}}}` } };
    const integers = !name.includes('.');
    return randomBetween(min, max, ctx.random, integers);
  }
  return {
    problem: 'template.unknown',
    // Braces travel as parameters: in a sentence, i18next would read them as placeholders.
    params: {
      name: `{{${name}}}`,
      known: TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(', '),
      escaped: '\\{{',
      open: '{{',
    },
  };
}

/** Replaces every variable; the first unknown or malformed one fails the whole payload. */
export function expandTemplate(text: string, ctx: TemplateContext): TemplateResult {
  let out = '';
  let last = 0;
  let expanded = false;
  PLACEHOLDER.lastIndex = 0;
  for (let match = PLACEHOLDER.exec(text); match; match = PLACEHOLDER.exec(text)) {
    out += text.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[1] === undefined) {
      out += '{{';
      expanded = true;
      continue;
    }
    const value = expandOne(match[1], ctx);
    if (typeof value !== 'string') {
      return {
        ok: false,
        index: match.index,
        text: { key: value.problem, params: { ...value.params, ...lineAndColumn(text, match.index) } },
      };
    }
    out += value;
    expanded = true;
  }
  out += text.slice(last);
  return { ok: true, text: out, expanded };
}

/** A context with real time and randomness, for sending. */
export function liveTemplateContext(counter: number, clientId: string): TemplateContext {
  return {
    now: Date.now(),
    counter,
    clientId,
    uuid: () => globalThis.crypto.randomUUID(),
    random: Math.random,
  };
}
