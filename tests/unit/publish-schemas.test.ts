import { describe, expect, it } from 'vitest';
import { jsonSchemaTextProblem } from '../../electron/contract';
import { schemaForTopic, topicMatchesFilter } from '../../src/publish/topic-schemas';

describe('topic pattern matching', () => {
  it.each([
    ['devices/+/cmd', 'devices/42/cmd', true],
    ['devices/+/cmd', 'devices/42/43/cmd', false],
    ['devices/#', 'devices', true],
    ['devices/#', 'devices/a/b/c', true],
    ['#', 'anything/at/all', true],
    ['+', 'a', true],
    ['+/+', 'a', false],
    ['a/+', 'a/', true],
    ['exact/topic', 'exact/topic', true],
    ['exact/topic', 'exact/topic/more', false],
    ['#', '$SYS/broker/uptime', false],
    ['+/broker', '$SYS/broker', false],
    ['$SYS/#', '$SYS/broker/uptime', true],
  ])('%s matches %s: %s', (filter, topic, expected) => {
    expect(topicMatchesFilter(filter, topic)).toBe(expected);
  });

  it('picks the first matching schema: the list order is the priority', () => {
    const schemas = [
      { pattern: 'devices/42/cmd', schema: '{"title":"special"}' },
      { pattern: 'devices/+/cmd', schema: '{"title":"any device"}' },
    ];
    expect(schemaForTopic(schemas, 'devices/42/cmd')?.schema).toContain('special');
    expect(schemaForTopic(schemas, 'devices/7/cmd')?.schema).toContain('any device');
    expect(schemaForTopic(schemas, 'other')).toBe(null);
    expect(schemaForTopic(schemas, '')).toBe(null);
  });

  it('accepts only JSON objects (or booleans) as schemas', () => {
    expect(jsonSchemaTextProblem('{"type":"object"}')).toBe(null);
    expect(jsonSchemaTextProblem('true')).toBe(null);
    expect(jsonSchemaTextProblem('[1]')).toContain('is an object');
    expect(jsonSchemaTextProblem('{')).toContain('not valid JSON');
  });
});
