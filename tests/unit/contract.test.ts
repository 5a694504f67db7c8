/**
 * The contract's schemas and topic rules: what hosts accept from a renderer, and the
 * sentences the UI shows when something is wrong.
 */
import { describe, expect, it } from 'vitest';
import {
  CHANNEL_PREFIX,
  ConnectOptionsSchema,
  eventChannel,
  eventNames,
  events,
  ReceivedMessageSchema,
  isEventName,
  isRequestName,
  requestChannel,
  requestNames,
  requests,
  ruleText,
  topicFilterProblem as filterText,
  topicNameProblem as nameText,
  type EngineText,
} from '../../electron/contract';
import { english } from '../../electron/engine/text/english';

const minimal = { transport: 'mqtt', host: 'broker.local', port: 1883 } as const;

/** A rule's sentence in English (rules answer with engine texts: Issue 14 #2). */
const said = (problem: EngineText | null) => (problem ? english(problem) : null);
const topicNameProblem = (topic: string) => said(nameText(topic));
const topicFilterProblem = (filter: string) => said(filterText(filter));

/** An issue's message in English: a rule's key, a topic rule's carried text, or zod's words. */
function issueMessage(issue: { message: string; params?: Record<string, unknown> }): string {
  const carried = issue.params?.['text'] as EngineText | undefined;
  return carried ? english(carried) : (said(ruleText(issue.message)) ?? issue.message);
}

/** The messages of a failed parse, so a test can say which rule fired. */
function issuesOf(result: {
  success: boolean;
  error?: { issues: { message: string; params?: Record<string, unknown> }[] };
}): string[] {
  return result.success ? [] : (result.error?.issues.map(issueMessage) ?? []);
}

describe('ConnectOptionsSchema', () => {
  it('counts ALPN protocol IDs in bytes, as the wire does (RFC 7301)', () => {
    const tls = (id: string) =>
      ConnectOptionsSchema.safeParse({ ...minimal, transport: 'mqtts', tls: { alpnProtocols: [id] } });
    expect(tls('x'.repeat(255)).success).toBe(true);
    // 100 characters, 300 bytes.
    expect(issuesOf(tls('协'.repeat(100)))).toEqual(['An ALPN protocol ID is at most 255 bytes in UTF-8.']);
    expect(tls('').success).toBe(false);
  });

  it('fills in the defaults a renderer may leave out', () => {
    expect(ConnectOptionsSchema.parse(minimal)).toEqual({
      transport: 'mqtt',
      host: 'broker.local',
      port: 1883,
      path: '/mqtt',
      protocolVersion: '5.0',
      clientId: '',
      clean: true,
      keepaliveSeconds: 60,
      connectTimeoutMs: 10_000,
      reconnect: { maxAttempts: 0, periodMs: 3000 },
    });
  });

  it('keeps what the caller set and trims the host', () => {
    const parsed = ConnectOptionsSchema.parse({
      ...minimal,
      transport: 'ws',
      host: '  10.0.0.7 ',
      path: '/ws',
      clientId: 'bench-1',
      username: 'u',
      password: 'p',
      keepaliveSeconds: 0,
      connectTimeoutMs: 500,
    });
    expect(parsed).toMatchObject({ host: '10.0.0.7', path: '/ws', clientId: 'bench-1', keepaliveSeconds: 0 });
    expect(parsed.username).toBe('u');
    expect(parsed.password).toBe('p');
  });

  it.each([0, -1, 65536, 1883.5, Number.NaN])('rejects port %s with the port sentence', (port) => {
    const result = ConnectOptionsSchema.safeParse({ ...minimal, port });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['port']);
  });

  it('says which ports are allowed', () => {
    expect(issuesOf(ConnectOptionsSchema.safeParse({ ...minimal, port: 70000 }))).toEqual([
      'Ports run from 1 to 65535.',
    ]);
    expect(issuesOf(ConnectOptionsSchema.safeParse({ ...minimal, port: 0 }))).toEqual([
      'Ports run from 1 to 65535.',
    ]);
  });

  it('rejects a port given as a string (no silent coercion)', () => {
    expect(ConnectOptionsSchema.safeParse({ ...minimal, port: '1883' }).success).toBe(false);
  });

  it('accepts names, IPv4 and bracketed IPv6 hosts', () => {
    for (const host of ['localhost', 'broker.example.com', '127.0.0.1', '[::1]', '[2001:db8::1]']) {
      expect(ConnectOptionsSchema.safeParse({ ...minimal, host }).success, host).toBe(true);
    }
  });

  it('tells an empty host apart from a malformed one', () => {
    expect(issuesOf(ConnectOptionsSchema.safeParse({ ...minimal, host: '   ' }))).toContain(
      'Enter a host name or address.',
    );
    for (const host of ['mqtt://broker', 'broker:1883', 'broker/path', 'two words', 'a?b', 'a#b', '::1']) {
      expect(issuesOf(ConnectOptionsSchema.safeParse({ ...minimal, host })), host).toEqual([
        'A host is a name or address, without scheme, port or path.',
      ]);
    }
  });

  it('wants a WebSocket path to start with a slash', () => {
    expect(issuesOf(ConnectOptionsSchema.safeParse({ ...minimal, path: 'mqtt' }))).toEqual([
      'A WebSocket path starts with "/".',
    ]);
  });

  it('rejects unknown transports, and missing fields', () => {
    expect(ConnectOptionsSchema.safeParse({ ...minimal, transport: 'mqtts' }).success).toBe(true);
    expect(ConnectOptionsSchema.safeParse({ ...minimal, transport: 'tcp' }).success).toBe(false);
    expect(ConnectOptionsSchema.safeParse({ host: 'x', port: 1 }).success).toBe(false);
    expect(ConnectOptionsSchema.safeParse({ ...minimal, keepaliveSeconds: 65536 }).success).toBe(false);
    expect(ConnectOptionsSchema.safeParse({ ...minimal, connectTimeoutMs: 99 }).success).toBe(false);
  });
});

describe('topic names (publish)', () => {
  it.each(['a', 'a/b', '/', 'a//b', '/leading', 'trailing/', 'sensors/room 1/temp', 'ünïcödé/✓', '$SYS/x'])(
    'accepts %j',
    (topic) => {
      expect(topicNameProblem(topic)).toBeNull();
    },
  );

  it('rejects the empty topic', () => {
    expect(topicNameProblem('')).toBe('The topic is empty.');
  });

  it.each(['a/+', '+', '#', 'a/#', 'a+b', 'x#'])('rejects wildcards in %j', (topic) => {
    expect(topicNameProblem(topic)).toBe('A topic to publish to cannot contain the wildcards + or #.');
  });

  it('rejects NUL', () => {
    expect(topicNameProblem('a\u0000b')).toBe('The topic contains a NUL character, which MQTT forbids.');
  });

  it('counts the limit in UTF-8 bytes, not characters', () => {
    // 32 768 characters, 65 536 bytes: one byte over.
    expect(topicNameProblem('é'.repeat(32_768))).toBe('The topic is longer than 65535 bytes.');
    expect(topicNameProblem('a'.repeat(65_535))).toBeNull();
  });
});

describe('topic filters (subscribe)', () => {
  it.each(['#', '+', 'a/#', '+/x', 'a/+/b', '+/+/#', 'a/b', '/#', 'a//+', '$SYS/#'])(
    'accepts %j',
    (filter) => {
      expect(topicFilterProblem(filter)).toBeNull();
    },
  );

  it.each(['a/#/b', '#/a', 'a#', 'a/b#', '##'])('rejects a misplaced # in %j', (filter) => {
    expect(topicFilterProblem(filter)).toBe(
      'The wildcard # must be a whole level and the last one, as in "sensors/#".',
    );
  });

  it.each(['a+', '+a', 'a/+b/c', '++'])('rejects a partial + level in %j', (filter) => {
    expect(topicFilterProblem(filter)).toBe(
      'The wildcard + must fill a whole level, as in "sensors/+/temp".',
    );
  });

  it('rejects the empty filter and NUL', () => {
    expect(topicFilterProblem('')).toBe('The topic filter is empty.');
    expect(topicFilterProblem('a/\u0000/#')).toBe(
      'The topic filter contains a NUL character, which MQTT forbids.',
    );
  });
});

describe('request schemas', () => {
  it('gives publish its defaults', () => {
    expect(
      requests['message.publish'].input.parse({ connectionId: 'c1', topic: 'demo/1', payload: '' }),
    ).toEqual({ connectionId: 'c1', topic: 'demo/1', payload: '', qos: 0, retain: false });
  });

  it('puts the topic rule on the topic field', () => {
    const result = requests['message.publish'].input.safeParse({
      connectionId: 'c1',
      topic: 'demo/#',
      payload: 'x',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['topic']);
    expect(issuesOf(result)[0]).toMatch(/wildcards/);
  });

  it('puts the filter rule on the filter field and defaults QoS', () => {
    const bad = requests['subscription.add'].input.safeParse({ connectionId: 'c1', filter: 'a/#/b' });
    expect(bad.error?.issues[0]?.path).toEqual(['filter']);
    expect(requests['subscription.add'].input.parse({ connectionId: 'c1', filter: 'a/#' })).toEqual({
      connectionId: 'c1',
      filter: 'a/#',
      qos: 0,
      noLocal: false,
      retainAsPublished: false,
      retainHandling: 0,
    });
  });

  it('refuses unknown keys (strict), so a typo is not silently ignored', () => {
    expect(requests['app.info'].input.safeParse({ extra: 1 }).success).toBe(false);
    expect(requests['connection.open'].input.safeParse({ ...minimal, protocolVersion: 3 }).success).toBe(
      false,
    );
    expect(
      requests['message.publish'].input.safeParse({ connectionId: 'c', topic: 't', payload: '', qoss: 1 })
        .success,
    ).toBe(false);
  });

  it('rejects an empty or oversized connection id and a QoS outside 0..2', () => {
    expect(requests['connection.close'].input.safeParse({ connectionId: '' }).success).toBe(false);
    expect(requests['connection.close'].input.safeParse({ connectionId: 'x'.repeat(65) }).success).toBe(
      false,
    );
    expect(
      requests['subscription.add'].input.safeParse({ connectionId: 'c', filter: 'a', qos: 3 }).success,
    ).toBe(false);
  });
});

describe('names and channels', () => {
  it('knows every request by name, and nothing from Object.prototype', () => {
    expect(requestNames.length).toBeGreaterThan(0);
    for (const name of requestNames) expect(isRequestName(name)).toBe(true);
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty', '', 'app.Info', 42, null]) {
      expect(isRequestName(name), String(name)).toBe(false);
    }
  });

  it('knows every event by name, and nothing else', () => {
    expect(eventNames).toEqual(Object.keys(events));
    expect(eventNames).toContain('connection.status');
    for (const name of eventNames) expect(isEventName(name)).toBe(true);
    expect(isEventName('toString')).toBe(false);
    expect(isEventName('message')).toBe(false);
  });

  it('builds every channel under the one prefix, and no two alike', () => {
    const channels = [...requestNames.map(requestChannel), ...eventNames.map(eventChannel)];
    for (const channel of channels) expect(channel.startsWith(CHANNEL_PREFIX)).toBe(true);
    expect(new Set(channels).size).toBe(channels.length);
    expect(requestChannel('app.info')).toBe('mqscope:request:app.info');
    expect(eventChannel('connection.status')).toBe('mqscope:event:connection.status');
  });

  it('wants raw bytes in a received message, not a string', () => {
    const message = { topic: 't', qos: 0, retain: false, receivedAt: 1 };
    expect(ReceivedMessageSchema.safeParse({ ...message, payload: new Uint8Array([1]) }).success).toBe(true);
    expect(ReceivedMessageSchema.safeParse({ ...message, payload: 'text' }).success).toBe(false);
  });
});

describe('topic UTF-8', () => {
  it('refuses a lone surrogate, which has no UTF-8 form, and accepts a real pair', () => {
    expect(topicNameProblem('bad/\uD800/x')).toMatch(/not valid UTF-8/);
    expect(topicFilterProblem('bad/\uDC00')).toMatch(/not valid UTF-8/);
    expect(topicNameProblem('emoji/\uD83D\uDE00')).toBeNull();
  });
});
