import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface WebHostArgs {
  /** 0 asks the system for a free port. */
  port: number;
  /** Where profiles and the secret key live (absolute). */
  dataDir: string;
}

export const USAGE =
  'Usage: npm run web -- [--port N] [--data-dir DIR]   (default: a free port, and the user config folder; the host binds 127.0.0.1 only)';

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
  return { port, dataDir: given === undefined ? defaultDataDir(env) : resolve(given) };
}
