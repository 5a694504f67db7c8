import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ORPHAN_POLICY_USAGE, parseOrphanPolicy, type OrphanPolicy } from '../host/orphan-policy';

export interface WebHostArgs {
  /** 0 asks the system for a free port. */
  port: number;
  /** Where profiles and the secret key live (absolute). */
  dataDir: string;
  /** Start the built-in local broker (127.0.0.1). */
  localBroker: boolean;
  /** The local broker's ports when chosen; otherwise 1883 + 8083 or the next free ones. */
  brokerPort?: number;
  brokerWsPort?: number;
  /** What happens to connections while no page is open (Trust #16). */
  orphanPolicy: OrphanPolicy;
}

export type WebHostCommand = { kind: 'help' } | { kind: 'run'; args: WebHostArgs };

/** A command line the web host cannot run: one line, printed above the usage (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE =
  'Usage: npm run web -- [--port N] [--data-dir DIR] [--local-broker [--broker-port N] [--broker-ws-port N]]\n' +
  '                      [--orphan-policy keep|close-after=MIN] [--help]\n' +
  '  --port N            the port of the web host (default: a free one; it binds 127.0.0.1 only)\n' +
  '  --data-dir DIR      where profiles and the secret key live (default: $XDG_CONFIG_HOME/mqscope or\n' +
  '                      ~/.config/mqscope; %APPDATA%\\mqscope on Windows; ~/Library/Application Support/mqscope on macOS)\n' +
  '  --local-broker      also start the built-in MQTT broker on 127.0.0.1 (TCP 1883, WebSocket 8083 /mqtt,\n' +
  '                      or the next free ports)\n' +
  '  --broker-port N     with --local-broker: its TCP port (no fallback: a taken port is an error)\n' +
  '  --broker-ws-port N  with --local-broker: its WebSocket port (no fallback either)\n' +
  '  --orphan-policy P   connections no page watches: "keep" them running (default; the next page\n' +
  '                      lists them) or "close-after=MIN" minutes without any open page\n' +
  '  --help, -h          print this and exit';

const OPTIONS = {
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'local-broker': { type: 'boolean' },
  'broker-port': { type: 'string' },
  'broker-ws-port': { type: 'string' },
  'orphan-policy': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
type OptionName = keyof typeof OPTIONS;

const isOption = (name: string): name is OptionName => Object.hasOwn(OPTIONS, name);

/** The user's config folder for MQScope, by platform convention. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32' && env['APPDATA']) return join(env['APPDATA'], 'mqscope');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'mqscope');
  const xdg = env['XDG_CONFIG_HOME'];
  return join(xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.config'), 'mqscope');
}

/**
 * The options as given, from parseArgs' tokens. Not its strict mode: that words `--port -5`
 * as three lines about ambiguity; here a value that starts with a dash is still the value, and
 * every mistake is one sentence.
 */
function readOptions(argv: string[]): Map<OptionName, string | true> {
  const { tokens } = parseArgs({ args: argv, options: OPTIONS, strict: false, tokens: true });
  const given = new Map<OptionName, string | true>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    if (token.kind === 'positional') throw new UsageError(`Unexpected argument "${token.value}".`);
    if (token.kind === 'option-terminator') continue;
    const raw = token.rawName;
    if (!isOption(token.name)) throw new UsageError(`Unknown option ${raw}.`);
    if (given.has(token.name)) throw new UsageError(`${raw} is given twice.`);
    if (OPTIONS[token.name].type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${raw} takes no value.`);
      given.set(token.name, true);
      continue;
    }
    let value = token.value;
    const next = tokens[i + 1];
    if (value === undefined && next?.kind === 'option' && !isOption(next.name)) {
      // `--port -5`: the dash-led word is this option's (bad) value, not another option.
      value = next.rawName + (next.inlineValue ? `=${next.value ?? ''}` : '');
      i++;
    }
    if (value === undefined) throw new UsageError(`${raw} needs a value.`);
    given.set(token.name, value);
  }
  return given;
}

function port(text: string | true | undefined, flag: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = text === true ? NaN : /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < min || value > 65535) {
    throw new UsageError(`${flag} takes a whole number from ${min} to 65535, not "${String(text)}".`);
  }
  return value;
}

/** Parses the web host's command line; throws a one-sentence UsageError on bad input. */
export function parseWebHostArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): WebHostCommand {
  const given = readOptions(argv);
  if (given.has('help')) return { kind: 'help' };
  const dataDir = given.get('data-dir');
  if (typeof dataDir === 'string' && dataDir.trim() === '') {
    throw new UsageError('--data-dir needs a folder path.');
  }
  const localBroker = given.has('local-broker');
  const brokerPort = port(given.get('broker-port'), '--broker-port', 1);
  const brokerWsPort = port(given.get('broker-ws-port'), '--broker-ws-port', 1);
  if (!localBroker && (brokerPort !== undefined || brokerWsPort !== undefined)) {
    const flag = brokerPort !== undefined ? '--broker-port' : '--broker-ws-port';
    throw new UsageError(`${flag} chooses a port of the local broker: add --local-broker.`);
  }
  if (brokerPort !== undefined && brokerPort === brokerWsPort) {
    throw new UsageError(`--broker-port and --broker-ws-port must differ (both are ${brokerPort}).`);
  }
  let orphanPolicy: OrphanPolicy;
  try {
    orphanPolicy = parseOrphanPolicy(String(given.get('orphan-policy') ?? 'keep'));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : ORPHAN_POLICY_USAGE);
  }
  return {
    kind: 'run',
    args: {
      port: port(given.get('port'), '--port', 0) ?? 0,
      dataDir: typeof dataDir === 'string' ? resolve(dataDir) : defaultDataDir(env),
      localBroker,
      ...(brokerPort !== undefined && { brokerPort }),
      ...(brokerWsPort !== undefined && { brokerWsPort }),
      orphanPolicy,
    },
  };
}
