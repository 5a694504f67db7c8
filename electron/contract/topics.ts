/**
 * MQTT topic rules (MQTT 3.1.1 §4.7, MQTT 5 §4.7), shared by the contract's schemas
 * and the renderer's forms so that both say the same thing about the same topic.
 * Each function returns null when the topic is fine, or one sentence saying what is wrong.
 */

const MAX_TOPIC_BYTES = 65535;

function commonProblem(topic: string, what: string): string | null {
  if (topic.length === 0) return `The ${what} is empty.`;
  if (topic.includes('\u0000')) return `The ${what} contains a NUL character, which MQTT forbids.`;
  // A lone surrogate cannot be encoded as UTF-8; mqtt.js would send replacement bytes instead.
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(topic)) {
    return `The ${what} is not valid UTF-8 (it contains a lone surrogate character).`;
  }
  if (new TextEncoder().encode(topic).length > MAX_TOPIC_BYTES) {
    return `The ${what} is longer than ${MAX_TOPIC_BYTES} bytes.`;
  }
  return null;
}

/** A topic name to publish to: no wildcards. */
export function topicNameProblem(topic: string): string | null {
  const common = commonProblem(topic, 'topic');
  if (common) return common;
  if (topic.includes('+') || topic.includes('#')) {
    return 'A topic to publish to cannot contain the wildcards + or #.';
  }
  return null;
}

/** A topic filter to subscribe with: `+` fills a whole level, `#` only the whole last level. */
export function topicFilterProblem(filter: string): string | null {
  const common = commonProblem(filter, 'topic filter');
  if (common) return common;
  const levels = filter.split('/');
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] ?? '';
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      return 'The wildcard # must be a whole level and the last one, as in "sensors/#".';
    }
    if (level.includes('+') && level !== '+') {
      return 'The wildcard + must fill a whole level, as in "sensors/+/temp".';
    }
  }
  return null;
}
