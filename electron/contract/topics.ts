/**
 * MQTT topic rules (MQTT 3.1.1 §4.7, MQTT 5 §4.7), shared by the contract's schemas
 * and the renderer's forms so that both say the same thing about the same topic.
 * Each function returns null when the topic is fine, or one sentence saying what is wrong,
 * as an engine text (keys in `src/i18n/locales/<lang>/engine.json`, listed in
 * `electron/engine/text/sentence-keys.ts`).
 */
import type { EngineText } from './engine-text';

const problem = (key: string, params: EngineText['params'] = {}): EngineText => ({ key, params });

const MAX_TOPIC_BYTES = 65535;

function commonProblem(topic: string, whatKey: string): EngineText | null {
  if (topic.length === 0) return problem('topic.empty', { whatKey });
  if (topic.includes('\u0000')) return problem('topic.nul', { whatKey });
  // A lone surrogate cannot be encoded as UTF-8; mqtt.js would send replacement bytes instead.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(topic)) {
    return problem('topic.surrogate', { whatKey });
  }
  if (new TextEncoder().encode(topic).length > MAX_TOPIC_BYTES) {
    return problem('topic.tooLong', { whatKey, max: MAX_TOPIC_BYTES });
  }
  return null;
}

/** A topic name to publish to: no wildcards. */
export function topicNameProblem(topic: string): EngineText | null {
  const common = commonProblem(topic, 'topic.what.topic');
  if (common) return common;
  if (topic.includes('+') || topic.includes('#')) {
    return problem('topic.noWildcards', { whatKey: 'topic.what.publishTopic' });
  }
  return null;
}

/** A topic filter to subscribe with: `+` fills a whole level, `#` only the whole last level. */
export function topicFilterProblem(filter: string): EngineText | null {
  const common = commonProblem(filter, 'topic.what.filter');
  if (common) return common;
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] ?? '';
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return problem('topic.hashLast');
    }
    if (level.includes('+') && level !== '+') {
      return problem('topic.plusLevel');
    }
  }
  return null;
}
