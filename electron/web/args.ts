import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface WebHostArgs {
  /** 0 asks the system for a free port. */
  port: number;
  /** Where the host keeps its files (presets). */
  dataDir: string;
}

export const USAGE =
  'Usage: npm run web -- [--port N] [--data-dir DIR]   (default: a free port, and ' +
  '$XDG_CONFIG_HOME/mqscope or ~/.config/mqscope; the host binds 127.0.0.1 only)';

/** The XDG config home, as Linux desktop apps use it; Electron's userData lives there too. */
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
  return { port, dataDir: dataDirArg === undefined ? defaultDataDir(env) : resolve(dataDirArg) };
}
