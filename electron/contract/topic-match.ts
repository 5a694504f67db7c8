/**
 * Topic filters for the topic tree and the message list: substring, MQTT wildcard or
 * regular expression, minus exclude patterns (MQTT filters such as `$SYS/#`). Pure, so the
 * engine (message queries), the renderer and its filter worker all match the same way.
 */
import { z } from 'zod';
import type { EngineText } from './engine-text';
import { topicFilterProblem } from './topics';

export const TopicMatchModeSchema = z.enum(['substring', 'wildcard', 'regex']);
export type TopicMatchMode = z.infer<typeof TopicMatchModeSchema>;

export const TopicMatchSchema = z
  .object({
    text: z.string().max(4096).default(''),
    mode: TopicMatchModeSchema.default('substring'),
    /** MQTT topic filters; a topic matching any of them is hidden. */
    exclude: z.array(z.string().max(4096)).max(64).default([]),
  })
  .strict();
export type TopicMatchInput = z.input<typeof TopicMatchSchema>;
export type TopicMatch = z.output<typeof TopicMatchSchema>;

export type TopicPredicate = (topic: string) => boolean;
export type CompiledTopicMatch =
  { ok: true; test: TopicPredicate; isAll: boolean } | { ok: false; error: EngineText };

/**
 * Does `topic` match the MQTT filter `filter`? Wildcards at the first level do not match
 * topics starting with `$` (MQTT 5 §4.7.2), so `#` does not show `$SYS/…` but `$SYS/#` does.
 */
export function mqttFilterMatches(filter: string, topic: string): boolean {
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  let f = 0;
  let t = 0;
  while (true) {
    const fEnd = filter.indexOf('/', f);
    const fLevel = fEnd === -1 ? filter.slice(f) : filter.slice(f, fEnd);
    if (fLevel === '#') return true;
    const tEnd = topic.indexOf('/', t);
    const tLevel = tEnd === -1 ? topic.slice(t) : topic.slice(t, tEnd);
    if (fLevel !== '+' && fLevel !== tLevel) return false;
    if (fEnd === -1 || tEnd === -1) {
      if (fEnd === -1 && tEnd === -1) return true;
      // "a/#" also matches "a" itself: the parent level.
      return tEnd === -1 && filter.slice(fEnd + 1) === '#';
    }
    f = fEnd + 1;
    t = tEnd + 1;
  }
}

export function isEmptyTopicMatch(match: TopicMatch): boolean {
  return match.text === '' && match.exclude.length === 0;
}

/** Compiles a filter once; a bad regular expression or wildcard comes back as one sentence. */
export function compileTopicMatch(input: TopicMatchInput): CompiledTopicMatch {
  const match = TopicMatchSchema.parse(input);
  const excludes = match.exclude.map((e) => e.trim()).filter((e) => e !== '');
  for (const exclude of excludes) {
    const problem = topicFilterProblem(exclude);
    if (problem) {
      return {
        ok: false,
        error: { key: 'query.exclude', params: { ...problem.params, pattern: exclude, whyKey: problem.key } },
      };
    }
  }
  let include: TopicPredicate | null = null;
  const text = match.text;
  if (text !== '') {
    if (match.mode === 'substring') {
      const needle = text.toLowerCase();
      include = (topic) => topic.toLowerCase().includes(needle);
    } else if (match.mode === 'wildcard') {
      const problem = topicFilterProblem(text);
      if (problem) return { ok: false, error: problem };
      include = (topic) => mqttFilterMatches(text, topic);
    } else {
      let re: RegExp;
      try {
        re = new RegExp(text, 'u');
      } catch (error) {
        return { ok: false, error: { key: 'query.badRegex', params: { detail: (error as Error).message } } };
      }
      include = (topic) => re.test(topic);
    }
  }
  const excluded = (topic: string) => excludes.some((e) => mqttFilterMatches(e, topic));
  const test: TopicPredicate =
    include === null
      ? (topic) => !excluded(topic)
      : excludes.length === 0
        ? include
        : (topic) => include(topic) && !excluded(topic);
  return { ok: true, test, isAll: include === null && excludes.length === 0 };
}
