import { parseArgs } from 'node:util';

export interface WebHostArgs {
  /** 0 asks the system for a free port. */
  port: number;
}

export const USAGE =
  'Usage: npm run web -- [--port N]   (default: a free port; the host binds 127.0.0.1 only)';

/** Parses the web host's command line; throws a one-sentence Error on bad input. */
export function parseWebHostArgs(argv: string[]): WebHostArgs {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port takes a whole number from 0 to 65535, not "${values.port}".`);
  }
  return { port };
}
