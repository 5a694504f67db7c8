import type { TopicSchema } from '../../electron/contract';

/**
 * MQTT filter matching (MQTT 5 §4.7): `+` is one whole level, `#` the rest including the
 * parent ("a/#" matches "a"). Wildcards at the first level do not match `$SYS`-style topics.
 */
export function topicMatchesFilter(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  if (topic.startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
  for (let i = 0; i < f.length; i++) {
    const level = f[i];
    if (level === '#') return i === f.length - 1;
    if (i >= t.length) return false;
    if (level !== '+' && level !== t[i]) return false;
  }
  return f.length === t.length;
}

/** The first schema whose pattern matches the topic: the list's order is the priority. */
export function schemaForTopic(schemas: readonly TopicSchema[], topic: string): TopicSchema | null {
  if (!topic) return null;
  return schemas.find((s) => topicMatchesFilter(s.pattern, topic)) ?? null;
}
