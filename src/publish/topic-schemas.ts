import type { TopicSchema } from '../../electron/contract';
import { mqttFilterMatches } from '../../electron/contract/topic-match';

/** MQTT filter matching, the one the engine uses too (MQTT 5 §4.7). */
export { mqttFilterMatches as topicMatchesFilter };

/** The first schema whose pattern matches the topic: the list's order is the priority. */
export function schemaForTopic(schemas: readonly TopicSchema[], topic: string): TopicSchema | null {
  if (!topic) return null;
  return schemas.find((s) => mqttFilterMatches(s.pattern, topic)) ?? null;
}
