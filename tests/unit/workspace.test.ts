/** Issue 13, workspace: the pure parts (form edits over stored secrets, profile subscriptions, colours). */
import { describe, expect, it } from 'vitest';
import { SubscribeOptionsSchema, type ConnectOptions } from '../../electron/contract';
import { withEdits } from '../../electron/engine/workspace/edited-options';
import {
  removeSubscription,
  upsertSubscription,
} from '../../electron/engine/workspace/profile-subscriptions';
import {
  SUBSCRIPTION_COLORS,
  colorInputValue,
  nextSubscriptionColor,
} from '../../src/subscriptions/subscription-colors';

const stored: ConnectOptions = {
  transport: 'mqtts',
  host: 'broker.local',
  port: 8883,
  username: 'dev',
  password: 'stored-pw',
  tls: { verifyServer: true, passphrase: 'stored-pp', key: { kind: 'pem', pem: 'STORED KEY' } },
};

// Workspace #2: connect what is on screen.
describe('withEdits', () => {
  it('takes every option from the form and the secrets from the stored profile', () => {
    const options = withEdits(stored, {
      transport: 'mqtts',
      host: 'other.local',
      port: 8884,
      keepaliveSeconds: 17,
      tls: { verifyServer: false },
    });
    expect(options).toEqual({
      transport: 'mqtts',
      host: 'other.local',
      port: 8884,
      keepaliveSeconds: 17,
      password: 'stored-pw',
      tls: { verifyServer: false, passphrase: 'stored-pp', key: { kind: 'pem', pem: 'STORED KEY' } },
    });
  });

  it('typed secrets replace, cleared ones go, a key file wins over the stored pasted key', () => {
    const options = withEdits(
      stored,
      {
        transport: 'mqtts',
        host: 'h',
        port: 1,
        tls: { verifyServer: true, key: { kind: 'file', path: '/k.pem' } },
      },
      { password: 'typed', passphrase: null },
    );
    expect(options.password).toBe('typed');
    expect(options.tls).toEqual({ verifyServer: true, key: { kind: 'file', path: '/k.pem' } });
  });

  // Trust #13 with Workspace #2: header values stay sealed in the host; an empty one keeps it.
  it('a WebSocket header left empty in the form gets the sealed value; a typed one replaces it', () => {
    const ws: ConnectOptions = {
      transport: 'wss',
      host: 'h',
      port: 443,
      wsHeaders: [{ key: 'Authorization', value: 'Bearer stored' }],
    };
    const edited = withEdits(ws, {
      transport: 'wss',
      host: 'h',
      port: 443,
      wsHeaders: [
        { key: 'Authorization', value: '' },
        { key: 'X-New', value: 'typed' },
      ],
    });
    expect(edited.wsHeaders).toEqual([
      { key: 'Authorization', value: 'Bearer stored' },
      { key: 'X-New', value: 'typed' },
    ]);
    const replaced = withEdits(ws, {
      transport: 'wss',
      host: 'h',
      port: 443,
      wsHeaders: [{ key: 'Authorization', value: 'Bearer new' }],
    });
    expect(replaced.wsHeaders).toEqual([{ key: 'Authorization', value: 'Bearer new' }]);
  });

  it('TLS turned off in the form sends no TLS secret', () => {
    const options = withEdits(stored, { transport: 'mqtt', host: 'h', port: 1883 }, { password: null });
    expect(options).toEqual({ transport: 'mqtt', host: 'h', port: 1883 });
  });
});

// Workspace #1: the profile keeps its subscriptions, edited live.
describe('profile subscriptions', () => {
  const options = SubscribeOptionsSchema.parse({});
  const a = { filter: 'a/#', options, color: '#ff0000' };
  const b = { filter: 'b', options };

  it('an edit keeps its place; a new one goes last; a removal forgets only that filter', () => {
    const list = upsertSubscription(upsertSubscription([], a), b);
    expect(list.map((s) => s.filter)).toEqual(['a/#', 'b']);
    const edited = upsertSubscription(list, { ...a, options: { ...options, qos: 2 }, alias: 'All of a' });
    expect(edited).toEqual([{ ...a, options: { ...options, qos: 2 }, alias: 'All of a' }, b]);
    expect(removeSubscription(edited, 'a/#')).toEqual([b]);
    expect(removeSubscription(edited, 'c')).toEqual(edited);
  });
});

describe('subscription colours', () => {
  it('gives the first free palette colour, and starts over past the palette', () => {
    expect(nextSubscriptionColor([])).toBe(SUBSCRIPTION_COLORS[0]);
    expect(nextSubscriptionColor([SUBSCRIPTION_COLORS[0].toUpperCase(), undefined])).toBe(
      SUBSCRIPTION_COLORS[1],
    );
    expect(nextSubscriptionColor([...SUBSCRIPTION_COLORS, '#000000'])).toBe(SUBSCRIPTION_COLORS[1]);
  });

  it('fits any stored colour into a colour input', () => {
    expect(colorInputValue('#F0a')).toBe('#ff00aa');
    expect(colorInputValue('#f0a8')).toBe('#ff00aa');
    expect(colorInputValue('#12345678')).toBe('#123456');
    expect(colorInputValue('#ABCDEF')).toBe('#abcdef');
  });
});
