/**
 * Issue 19 #3: `mqscope://connect?url=…` links are parsed strictly. A good link yields a
 * draft (never a connection); anything else is refused with a reason the renderer words.
 */
import { describe, expect, it } from 'vitest';
import { DeepLinkEventSchema } from '../../electron/contract';
import { isLinkArgument, parseDeepLink } from '../../electron/main/deep-link';

describe('deep links (Issue 19 #3)', () => {
  it.each([
    [
      'mqscope://connect?url=mqtt://host:1883',
      { transport: 'mqtt', host: 'host', port: 1883, path: '', username: '' },
    ],
    [
      'mqscope://connect?url=mqtts%3A%2F%2Fbroker.example.com',
      { transport: 'mqtts', host: 'broker.example.com', port: 8883, path: '', username: '' },
    ],
    [
      'mqscope://connect/?url=wss://alice@broker.example.com/mqtt/ws',
      { transport: 'wss', host: 'broker.example.com', port: 443, path: '/mqtt/ws', username: 'alice' },
    ],
    [
      'mqscope://connect?url=ws://10.0.0.2:8080',
      { transport: 'ws', host: '10.0.0.2', port: 8080, path: '/mqtt', username: '' },
    ],
    [
      'mqscope://connect?url=mqtt://[::1]:1884',
      { transport: 'mqtt', host: '::1', port: 1884, path: '', username: '' },
    ],
    ['MQSCOPE://connect?url=mqtt://h', { transport: 'mqtt', host: 'h', port: 1883, path: '', username: '' }],
  ])('%s opens a draft', (link, draft) => {
    const event = parseDeepLink(link);
    expect(event).toEqual({ ok: true, draft });
    expect(DeepLinkEventSchema.parse(event)).toEqual(event);
  });

  it.each([
    ['x'.repeat(3000), 'too-long'],
    ['mqscope://', 'unknown-action'],
    ['not a link', 'not-a-url'],
    ['https://connect?url=mqtt://h', 'wrong-scheme'],
    ['mqscope://open?url=mqtt://h', 'unknown-action'],
    ['mqscope://connect/extra?url=mqtt://h', 'unknown-action'],
    ['mqscope://connect', 'missing-url'],
    ['mqscope://connect?url=mqtt://h&connect=1', 'extra-parameters'],
    ['mqscope://connect?url=mqtt://h&url=mqtt://i', 'extra-parameters'],
    ['mqscope://connect?url=mqtt://h#x', 'extra-parameters'],
    ['mqscope://connect?url=', 'not-a-url'],
    ['mqscope://connect?url=mqtt://h:99999', 'not-a-url'],
    ['mqscope://connect?url=mqtt://h:0', 'bad-port'],
    ['mqscope://connect?url=http://h', 'unsupported-protocol'],
    ['mqscope://connect?url=javascript:alert(1)', 'unsupported-protocol'],
    ['mqscope://connect?url=mqtt://', 'missing-host'],
    ['mqscope://connect?url=mqtt://u:secret@h', 'has-password'],
    ['mqscope://connect?url=mqtt://h/topic', 'has-extras'],
    ['mqscope://connect?url=mqtt://h?clean=false', 'has-extras'],
  ])('refuses %s (%s)', (link, problem) => {
    const event = parseDeepLink(link);
    expect(event).toMatchObject({ ok: false, problem });
    // The refused link travels clipped, and the event still fits the contract.
    expect(DeepLinkEventSchema.parse(event)).toEqual(event);
  });

  it('tells link arguments from flags and paths', () => {
    expect(isLinkArgument('mqscope://connect?url=mqtt://h')).toBe(true);
    expect(isLinkArgument('MQScope:connect')).toBe(true);
    expect(isLinkArgument('--no-sandbox')).toBe(false);
    expect(isLinkArgument('/home/me/mqscope.json')).toBe(false);
  });
});
