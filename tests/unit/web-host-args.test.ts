// Issue 14 #5: the web host's command line, one case per option.
import { join } from 'node:path';
import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseWebHostArgs, UsageError } from '../../electron/web/args';

function runArgs(argv: string[], env: NodeJS.ProcessEnv = process.env) {
  const command = parseWebHostArgs(argv, env);
  if (command.kind !== 'run') throw new Error(`expected a run command, got ${command.kind}`);
  return command.args;
}

/** The one line a bad command line gets (printed above the usage). */
function usageError(argv: string[]): string {
  try {
    parseWebHostArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message.split('\n'), message).toHaveLength(1);
    return message;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('web host arguments (Issue 14 #5)', () => {
  it('runs with defaults when given nothing', () => {
    expect(runArgs([], { XDG_CONFIG_HOME: '/cfg' })).toEqual({
      port: 0,
      dataDir: '/cfg/mqscope',
      localBroker: false,
      orphanPolicy: { kind: 'keep' },
    });
  });

  it('answers --help and -h with the help command, whatever else is given', () => {
    expect(parseWebHostArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseWebHostArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseWebHostArgs(['--port', '8080', '--help'])).toEqual({ kind: 'help' });
  });

  it('takes --port from 0 to 65535', () => {
    expect(runArgs(['--port', '8080']).port).toBe(8080);
    expect(runArgs(['--port=0']).port).toBe(0);
    expect(runArgs(['--port', '65535']).port).toBe(65535);
  });

  it('refuses a malformed --port in one line, a negative one included', () => {
    expect(usageError(['--port', '-5'])).toBe('--port takes a whole number from 0 to 65535, not "-5".');
    expect(usageError(['--port=-5'])).toBe('--port takes a whole number from 0 to 65535, not "-5".');
    expect(usageError(['--port', '70000'])).toMatch(/0 to 65535, not "70000"/);
    expect(usageError(['--port', '80.5'])).toMatch(/not "80.5"/);
    expect(usageError(['--port', '0x50'])).toMatch(/not "0x50"/);
    expect(usageError(['--port'])).toBe('--port needs a value.');
  });

  it('refuses an unknown option, a stray argument and a repeated option in one line', () => {
    expect(usageError(['--prot', '80'])).toBe('Unknown option --prot.');
    expect(usageError(['-x'])).toBe('Unknown option -x.');
    expect(usageError(['serve'])).toBe('Unexpected argument "serve".');
    expect(usageError(['--port', '1', '--port', '2'])).toBe('--port is given twice.');
    expect(usageError(['--local-broker=yes'])).toBe('--local-broker takes no value.');
  });

  it('takes --data-dir, made absolute, and refuses an empty one', () => {
    expect(runArgs(['--data-dir', 'rel/dir']).dataDir).toBe(join(process.cwd(), 'rel/dir'));
    expect(runArgs(['--port', '8080', '--data-dir', '/tmp/x'])).toMatchObject({
      port: 8080,
      dataDir: '/tmp/x',
    });
    expect(usageError(['--data-dir', ' '])).toBe('--data-dir needs a folder path.');
  });

  it('defaults the data folder to the user config folder, honouring XDG_CONFIG_HOME', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/mqscope');
    expect(defaultDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'mqscope'));
    // A relative XDG_CONFIG_HOME is invalid by the spec and ignored.
    expect(defaultDataDir({ XDG_CONFIG_HOME: 'cfg' }, 'linux')).toBe(join(homedir(), '.config', 'mqscope'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(
      join('C:\\Users\\a\\AppData\\Roaming', 'mqscope'),
    );
  });

  it('takes --local-broker with --broker-port and --broker-ws-port', () => {
    expect(runArgs(['--local-broker'])).toMatchObject({ localBroker: true });
    expect(runArgs(['--local-broker']).brokerPort).toBeUndefined();
    expect(runArgs(['--local-broker', '--broker-port', '11883', '--broker-ws-port', '18083'])).toMatchObject({
      localBroker: true,
      brokerPort: 11883,
      brokerWsPort: 18083,
    });
    expect(runArgs(['--local-broker', '--broker-ws-port', '18083'])).toMatchObject({ brokerWsPort: 18083 });
  });

  it('refuses broker ports without --local-broker, out of range, or equal', () => {
    expect(usageError(['--broker-port', '11883'])).toBe(
      '--broker-port chooses a port of the local broker: add --local-broker.',
    );
    expect(usageError(['--broker-ws-port', '18083'])).toMatch(/^--broker-ws-port .*add --local-broker\.$/);
    expect(usageError(['--local-broker', '--broker-port', '0'])).toMatch(/1 to 65535, not "0"/);
    expect(usageError(['--local-broker', '--broker-ws-port', '-1'])).toMatch(/not "-1"/);
    expect(usageError(['--local-broker', '--broker-port', '1900', '--broker-ws-port', '1900'])).toMatch(
      /must differ/,
    );
  });

  it('takes --orphan-policy and refuses a bad one in one line', () => {
    expect(runArgs(['--orphan-policy', 'close-after=5']).orphanPolicy).toEqual({
      kind: 'close-after',
      minutes: 5,
    });
    expect(usageError(['--orphan-policy', 'never'])).toMatch(/--orphan-policy takes "keep"/);
  });
});
