import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface WebHostArgs {
  /** 0 asks the system for a free port. */
  port: number;
  /** Start the built-in local broker (127.0.0.1, 1883 + 8083 or the next free ports). */
  localBroker: boolean;
  /** Where the host keeps its files (publish presets, for now). */
  dataDir: string;
}

export const USAGE =
  'Usage: npm run web -- [--port N] [--local-broker] [--data-dir DIR]\n' +
  '  --port N          the port of the web host (default: a free one; it binds 127.0.0.1 only)\n' +
  '  --local-broker    also start the built-in MQTT broker on 127.0.0.1 (TCP 1883, WebSocket 8083 /mqtt,\n' +
  '                    or the next free ports)\n' +
  '  --data-dir DIR    where presets are kept (default: $XDG_CONFIG_HOME/mqscope or ~/.config/mqscope)';

/** The XDG config home, as Linux desktop apps use it. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const configHome = env['XDG_CONFIG_HOME'] || join(homedir(), '.config');
  return join(configHome, 'mqscope');
}

/** Parses the web host's command line; throws a one-sentence Error on bad input. */
export function parseWebHostArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): WebHostArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'local-broker': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port takes a whole number from 0 to 65535, not "${values.port}".`);
  }
  const dataDirArg = values['data-dir'];
  if (dataDirArg !== undefined && dataDirArg.trim() === '') {
    throw new Error('--data-dir needs a folder path.');
  }
  return {
    port,
    localBroker: values['local-broker'],
    dataDir: dataDirArg === undefined ? defaultDataDir(env) : resolve(dataDirArg),
  };
}
