import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseOrphanPolicy, type OrphanPolicy } from '../host/orphan-policy';

export interface WebHostArgs {
  /** 0 asks the system for a free port. */
  port: number;
  /** Where profiles and the secret key live (absolute). */
  dataDir: string;
  /** Start the built-in local broker (127.0.0.1, 1883 + 8083 or the next free ports). */
  localBroker: boolean;
  /** What happens to connections while no page is open (Trust #16). */
  orphanPolicy: OrphanPolicy;
}

export const USAGE =
  'Usage: npm run web -- [--port N] [--data-dir DIR] [--local-broker] [--orphan-policy keep|close-after=MIN]\n' +
  '  --port N          the port of the web host (default: a free one; it binds 127.0.0.1 only)\n' +
  '  --data-dir DIR    where profiles and the secret key live (default: $XDG_CONFIG_HOME/mqscope or\n' +
  '                    ~/.config/mqscope; %APPDATA%\\mqscope on Windows; ~/Library/Application Support/mqscope on macOS)\n' +
  '  --local-broker    also start the built-in MQTT broker on 127.0.0.1 (TCP 1883, WebSocket 8083 /mqtt,\n' +
  '                    or the next free ports)\n' +
  '  --orphan-policy P  connections no page watches: "keep" them running (default; the next page\n' +
  '                    lists them) or "close-after=MIN" minutes without any open page';

/** The user's config folder for MQScope, by platform convention. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32' && env['APPDATA']) return join(env['APPDATA'], 'mqscope');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'mqscope');
  const xdg = env['XDG_CONFIG_HOME'];
  return join(xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.config'), 'mqscope');
}

/** Parses the web host's command line; throws a one-sentence Error on bad input. */
export function parseWebHostArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): WebHostArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'local-broker': { type: 'boolean', default: false },
      'orphan-policy': { type: 'string', default: 'keep' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port takes a whole number from 0 to 65535, not "${values.port}".`);
  }
  const given = values['data-dir'];
  if (given !== undefined && given.trim() === '') throw new Error('--data-dir needs a folder path.');
  return {
    port,
    dataDir: given === undefined ? defaultDataDir(env) : resolve(given),
    localBroker: values['local-broker'],
    orphanPolicy: parseOrphanPolicy(values['orphan-policy']),
  };
}
