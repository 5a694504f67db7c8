import { parseArgs } from 'node:util';

export interface WebHostArgs {
  /** 0 asks the system for a free port. */
  port: number;
  /** Start the built-in local broker (127.0.0.1, 1883 + 8083 or the next free ports). */
  localBroker: boolean;
}

export const USAGE =
  'Usage: npm run web -- [--port N] [--local-broker]\n' +
  '  --port N          the port of the web host (default: a free one; it binds 127.0.0.1 only)\n' +
  '  --local-broker    also start the built-in MQTT broker on 127.0.0.1 (TCP 1883, WebSocket 8083 /mqtt,\n' +
  '                    or the next free ports)';

/** Parses the web host's command line; throws a one-sentence Error on bad input. */
export function parseWebHostArgs(argv: string[]): WebHostArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'local-broker': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) throw new Error(USAGE);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port takes a whole number from 0 to 65535, not "${values.port}".`);
  }
  return { port, localBroker: values['local-broker'] };
}
