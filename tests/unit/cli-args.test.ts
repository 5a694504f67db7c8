// Broker check #3: the `mqscope` command line, parsed without a broker.
import { describe, expect, it } from 'vitest';
import {
  CHECK_USAGE,
  MAIN_USAGE,
  PUB_USAGE,
  SUB_USAGE,
  UsageError,
  parseCommand,
} from '../../electron/cli/args';

function usageError(argv: string[], env: NodeJS.ProcessEnv = {}): UsageError {
  try {
    parseCommand(argv, env);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`${argv.join(' ')} parsed without an error`);
}

describe('mqscope arguments', () => {
  it('answers --help for the tool and for each command', () => {
    expect(parseCommand([])).toEqual({ command: 'help', usage: MAIN_USAGE });
    expect(parseCommand(['--help'])).toEqual({ command: 'help', usage: MAIN_USAGE });
    expect(parseCommand(['check', '--help'])).toEqual({ command: 'help', usage: CHECK_USAGE });
    expect(parseCommand(['pub', '-h'])).toEqual({ command: 'help', usage: PUB_USAGE });
    expect(parseCommand(['sub', '--help'])).toEqual({ command: 'help', usage: SUB_USAGE });
  });

  it('reads the broker URL, credentials from the environment, TLS and groups', () => {
    const command = parseCommand(
      [
        'check',
        'mqtts://broker.example:8884',
        '--user',
        'ann',
        '--password-env',
        'PW',
        '--tls-ca',
        '/ca.pem',
        '--only',
        'will,keepalive',
        '--json',
      ],
      { PW: 's3cret' },
    );
    expect(command).toEqual({
      command: 'check',
      json: true,
      groups: ['will', 'keepalive'],
      connection: {
        transport: 'mqtts',
        host: 'broker.example',
        port: 8884,
        username: 'ann',
        password: 's3cret',
        tls: { ca: { kind: 'file', path: '/ca.pem' }, verifyServer: true },
      },
    });
    expect(parseCommand(['check', 'ws://h/mqtt'])).toMatchObject({
      connection: { transport: 'ws', host: 'h', port: 80, path: '/mqtt' },
    });
    expect(parseCommand(['check', 'mqtt://h', '--mqtt-version', '3.1.1'])).toMatchObject({
      connection: { port: 1883, protocolVersion: '3.1.1' },
    });
  });

  it('refuses bad input with one line', () => {
    expect(usageError(['check', 'mqtt://h', '--bogus']).message).toBe("Unknown option '--bogus'.");
    expect(usageError(['check', 'mqtt://h', '--bogus']).usage).toBe(CHECK_USAGE);
    expect(usageError(['frobnicate']).message).toBe('Unknown command "frobnicate".');
    expect(usageError(['check']).message).toMatch(/broker URL is needed/);
    expect(usageError(['check', 'http://h']).message).toMatch(/not a broker scheme/);
    expect(usageError(['check', 'mqtt://u:pw@h']).message).toMatch(/--password-env/);
    expect(usageError(['check', 'mqtt://h', '--password-env', 'NOPE']).message).toMatch(/NOPE is not set/);
    expect(usageError(['check', 'mqtt://h', '--only', 'will,nonsense']).message).toMatch(/not "nonsense"/);
    expect(usageError(['check', 'mqtt://h', '--tls-ca', 'ca.pem']).message).toMatch(/mqtts/);
    expect(usageError(['pub', 'mqtt://h', '-t', 'a']).message).toMatch(/-m MESSAGE/);
    expect(usageError(['pub', 'mqtt://h', '-t', 'a', '-m', 'x', '-q', '3']).message).toMatch(/0, 1 or 2/);
    expect(usageError(['sub', 'mqtt://h']).message).toMatch(/-t FILTER/);
    for (const argv of [['check', 'mqtt://h', '--bogus'], ['frobnicate']]) {
      expect(usageError(argv).message).not.toContain('\n');
    }
  });

  it('takes the payload format of the app for pub, and repeated filters for sub', () => {
    expect(
      parseCommand(['pub', 'mqtt://h', '-t', 'a/b', '-m', 'cafe', '--format', 'hex', '-q', '1', '-r']),
    ).toMatchObject({
      command: 'pub',
      topic: 'a/b',
      message: 'cafe',
      format: 'hex',
      qos: 1,
      retain: true,
    });
    expect(parseCommand(['sub', 'mqtt://h', '-t', 'a/#', '-t', 'b/+', '-C', '2', '-W', '5'])).toMatchObject({
      command: 'sub',
      filters: ['a/#', 'b/+'],
      count: 2,
      timeoutSeconds: 5,
    });
  });
});
