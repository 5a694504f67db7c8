import { describe, expect, it } from 'vitest';
import { compileTopicMatch, mqttFilterMatches, type TopicMatchInput } from '../../electron/contract';
import { english } from '../../electron/engine/text/english';

function matching(input: TopicMatchInput, topics: string[]): string[] {
  const compiled = compileTopicMatch(input);
  if (!compiled.ok) throw new Error(english(compiled.error));
  return topics.filter(compiled.test);
}

const topics = ['home/kitchen/temp', 'home/hall/temp', 'home', 'office/temp', '$SYS/broker/uptime', 'a//b'];

describe('mqttFilterMatches', () => {
  it.each([
    ['home/+/temp', 'home/kitchen/temp', true],
    ['home/+/temp', 'home/kitchen/hum', false],
    ['home/#', 'home', true],
    ['home/#', 'home/a/b/c', true],
    ['home/+', 'home', false],
    ['#', '$SYS/broker/uptime', false],
    ['+/broker/uptime', '$SYS/broker/uptime', false],
    ['$SYS/#', '$SYS/broker/uptime', true],
    ['a/+/b', 'a//b', true],
    ['home', 'home/kitchen', false],
  ])('%s against %s is %s', (filter, topic, expected) => {
    expect(mqttFilterMatches(filter, topic)).toBe(expected);
  });
});

describe('compileTopicMatch', () => {
  it('matches substrings without regard to case', () => {
    expect(matching({ text: 'TEMP' }, topics)).toEqual([
      'home/kitchen/temp',
      'home/hall/temp',
      'office/temp',
    ]);
  });

  it('matches MQTT wildcards', () => {
    expect(matching({ text: 'home/+/temp', mode: 'wildcard' }, topics)).toEqual([
      'home/kitchen/temp',
      'home/hall/temp',
    ]);
  });

  it('matches regular expressions', () => {
    expect(matching({ text: '^home/(kitchen|hall)', mode: 'regex' }, topics)).toEqual([
      'home/kitchen/temp',
      'home/hall/temp',
    ]);
  });

  it('hides excluded topics, alone or with an include filter', () => {
    expect(matching({ exclude: ['$SYS/#'] }, topics)).not.toContain('$SYS/broker/uptime');
    expect(matching({ text: 'e', exclude: ['home/#'] }, topics)).toEqual([
      'office/temp',
      '$SYS/broker/uptime',
    ]);
  });

  it('says what is wrong with a bad regex, wildcard or exclude, instead of throwing', () => {
    // Issue 14 #2: the sentence is an engine key with parameters, worded where it is shown.
    expect(compileTopicMatch({ text: '([', mode: 'regex' })).toMatchObject({
      ok: false,
      error: { key: 'query.badRegex', params: { detail: expect.any(String) } },
    });
    expect(compileTopicMatch({ text: 'a/#/b', mode: 'wildcard' })).toMatchObject({
      ok: false,
      error: { key: 'topic.hashLast' },
    });
    const exclude = compileTopicMatch({ exclude: ['x#'] });
    expect(exclude).toMatchObject({
      ok: false,
      error: { key: 'query.exclude', params: { pattern: 'x#', whyKey: 'topic.hashLast' } },
    });
    if (!exclude.ok) expect(english(exclude.error)).toMatch(/^Exclude "x#": The wildcard # must be/);
  });
});
