/** The local broker's inputs: the web host flag and the start options' schema. */
import { describe, expect, it } from 'vitest';
import { LocalBrokerOptionsSchema, ruleText } from '../../electron/contract';
import { english } from '../../electron/engine/text/english';

/** A contract rule's key in English (Issue 14 #2: rules answer with keys). */
const ruleMessage = (message: string) => {
  const rule = ruleText(message);
  return rule ? english(rule) : message;
};
import { parseWebHostArgs } from '../../electron/web/args';

describe('--local-broker', () => {
  it('is off unless given', () => {
    expect(parseWebHostArgs([])).toMatchObject({ kind: 'run', args: { port: 0, localBroker: false } });
    expect(parseWebHostArgs(['--local-broker', '--port', '8080'])).toMatchObject({
      kind: 'run',
      args: { port: 8080, localBroker: true },
    });
  });

  it('takes no value', () => {
    expect(() => parseWebHostArgs(['--local-broker=1883'])).toThrow();
  });
});

describe('LocalBrokerOptionsSchema', () => {
  it('defaults to 1883, 8083, /mqtt, loopback only, no login and the built-in broker', () => {
    expect(LocalBrokerOptionsSchema.parse({})).toEqual({
      tcpPort: 1883,
      wsPort: 8083,
      wsPath: '/mqtt',
      bindAllInterfaces: false,
      engine: 'built-in',
    });
  });

  it('refuses one port for both listeners, a password without a user name, and bad ports', () => {
    const messages = (input: unknown) =>
      LocalBrokerOptionsSchema.safeParse(input).error?.issues.map((i) => ruleMessage(i.message)) ?? [];
    expect(messages({ tcpPort: 1900, wsPort: 1900 })).toContain(
      'TCP and WebSocket need two different ports.',
    );
    expect(messages({ password: 'x' })).toContain('A password needs a user name.');
    expect(messages({ tcpPort: 70000 })).toContain('Ports run from 1 to 65535.');
    expect(messages({ wsPath: 'mqtt' })).toContain('A WebSocket path starts with "/".');
    expect(messages({ extra: true }).length).toBeGreaterThan(0);
  });
});
