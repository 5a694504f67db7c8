/**
 * `npm run web`: MQScope in a browser, for a machine without a desktop session and for
 * the end-to-end tests. The same engine and contract as the Electron app.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { version } from '../../package.json';
import { LocalBrokerOptionsSchema } from '../contract';
import { createEngine, type Engine } from '../engine';
import { describeOrphanPolicy, OrphanWatch } from '../host/orphan-policy';
import {
  DataFolderBusyError,
  lockDataFolder,
  prepareDataFolder,
  type DataFolderLock,
} from '../engine/fs/data-folder';
import { english } from '../engine/text/english';
import { text } from '../engine/text/keys';
import { USAGE, parseWebHostArgs, type WebHostArgs } from './args';
import { dataFolderProblem } from './data-folder-words';
import { startWebHost } from './server';

async function main(): Promise<void> {
  let command;
  try {
    command = parseWebHostArgs(process.argv.slice(2));
  } catch (error) {
    // One line saying what is wrong, then how it is used (exit 2, as for any usage error).
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
  if (command.kind === 'help') {
    console.log(USAGE);
    process.exit(0);
  }
  const { args } = command;
  const staticDir = fileURLToPath(new URL('../renderer/', import.meta.url));
  if (!existsSync(`${staticDir}index.html`)) {
    console.error('The renderer is not built yet: run `npm run build` (or use `npm run web`, which builds).');
    process.exit(1);
  }
  const folderLock = await takeDataFolder(args.dataDir);
  const engine = createEngine(
    { host: 'web', version },
    // Built beside this bundle (vite.web.config.ts).
    {
      dataDir: args.dataDir,
      scriptsWorker: { file: fileURLToPath(new URL('./scripts-worker.js', import.meta.url)) },
    },
  );
  const policy = args.orphanPolicy;
  const orphans = new OrphanWatch(policy, () =>
    engine.closeRunning(
      text('state.orphaned', { minutes: policy.kind === 'close-after' ? policy.minutes : 0 }),
    ),
  );
  let host;
  try {
    host = await startWebHost({
      engine,
      staticDir,
      port: args.port,
      onPageCount: (count) => orphans.pagesChanged(count),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${args.port} is already in use: pick another with --port, or leave it out for a free one.`
        : `The web host could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
  console.log(`Profiles are kept in ${args.dataDir}.`);
  console.log(describeOrphanPolicy(args.orphanPolicy));
  if (args.localBroker) await startLocalBroker(engine, args);
  console.log('Open this URL in a browser on this machine. Press Ctrl+C to stop.');
  // Printed last, so it is the line a user sees; tests read this line to find the URL: keep its shape.
  console.log(`MQScope web host: ${host.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    orphans.stop();
    console.log(`\n${signal}: closing MQTT connections and stopping.`);
    await engine.dispose();
    await host.close();
    await folderLock.release().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * The data folder, made ours: created or tightened to 0700 (it holds the secret key and the
 * profiles; Trust #14), and locked, so a second host on it refuses to start with one line
 * naming the folder and the holder's PID (Workspace 13.5, Trust #9).
 */
async function takeDataFolder(dir: string): Promise<DataFolderLock> {
  try {
    const warning = await prepareDataFolder(dir);
    if (warning) console.warn(warning);
  } catch (error) {
    console.error(await dataFolderProblem(dir, error));
    process.exit(1);
  }
  try {
    return await lockDataFolder(dir, {
      onCompromised: (error) =>
        console.warn(
          `The lock on the data folder ${dir} was lost (${error.message}): another MQScope may start on it.`,
        ),
    });
  } catch (error) {
    console.error(
      error instanceof DataFolderBusyError
        ? `${error.message} Stop it first, or start this one with --data-dir <another folder>.`
        : `The data folder ${dir} could not be locked: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
}

/**
 * `--local-broker`: the ports chosen with --broker-port/--broker-ws-port, or else the
 * default ports, or the next free ones when those are taken. Chosen ports never move.
 */
async function startLocalBroker(engine: Engine, args: WebHostArgs): Promise<void> {
  const start = engine.handlers['localBroker.start'];
  const chosen = args.brokerPort !== undefined || args.brokerWsPort !== undefined;
  let status = await start(
    LocalBrokerOptionsSchema.parse({
      ...(args.brokerPort !== undefined && { tcpPort: args.brokerPort }),
      ...(args.brokerWsPort !== undefined && { wsPort: args.brokerWsPort }),
    }),
  );
  if (status.state === 'failed' && status.suggestedPorts && !chosen) {
    status = await start(LocalBrokerOptionsSchema.parse(status.suggestedPorts));
  }
  const { listeners } = status;
  if (status.state !== 'running' || !listeners) {
    console.error(`Local broker not started: ${status.problem ? english(status.problem) : status.state}`);
    return;
  }
  const host = listeners.bindAddress;
  console.log(
    `Local broker: mqtt://${host}:${listeners.tcpPort} and ws://${host}:${listeners.wsPort}${listeners.wsPath}`,
  );
}

void main();
