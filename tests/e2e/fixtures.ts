/**
 * Playwright fixtures: a real Mosquitto per worker, a fresh `npm run web` host per test
 * (the built one in out/web, started the way a user starts it), and a page object.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, test as base, expect, type ElectronApplication } from '@playwright/test';
import {
  MOSQUITTO_MISSING,
  mosquittoAvailable,
  startMosquitto,
  type MosquittoBroker,
} from '../support/mosquitto';
import { MainPage } from './main-page';

const HOST_START_TIMEOUT_MS = 15_000;

export interface RunningWebHost {
  url: string;
  /** Where this host keeps profiles: a fresh temp folder unless one was given. */
  dataDir: string;
  process: ChildProcess;
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startBuiltWebHost(
  dataDir = mkdtempSync(join(tmpdir(), 'mqscope-e2e-data-')),
): Promise<RunningWebHost> {
  const child = spawn(process.execPath, ['out/web/index.js', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The web host printed no URL within ${HOST_START_TIMEOUT_MS} ms:\n${output}`)),
      HOST_START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /MQScope web host: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) =>
      reject(new Error(`The web host exited (${code}) before printing its URL:\n${output}`)),
    );
  });
  return {
    url,
    dataDir,
    process: child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

interface Fixtures {
  /** Which shell the renderer runs in: set per Playwright project. */
  target: 'web' | 'electron';
  app: MainPage;
}

interface WorkerFixtures {
  broker: MosquittoBroker;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  broker: [
    async ({}, use) => {
      const broker = await startMosquitto();
      await use(broker);
      await broker.stop();
    },
    { scope: 'worker' },
  ],
  target: ['web', { option: true }],
  app: async ({ page, target }, use) => {
    if (target === 'electron') {
      const electronApp = await launchElectron();
      const app = new MainPage(await electronApp.firstWindow());
      await app.waitUntilReady();
      await use(app);
      await electronApp.close();
      return;
    }
    const host = await startBuiltWebHost();
    const app = new MainPage(page);
    await app.open(host.url);
    await use(app);
    await host.stop();
  },
});

/** The built desktop app (out/main), in the Electron binary found by playwright.config.ts. */
async function launchElectron(): Promise<ElectronApplication> {
  const executablePath = process.env['MQSCOPE_ELECTRON_BINARY'];
  if (!executablePath)
    throw new Error('The electron project runs only when an Electron binary is installed.');
  // Chromium refuses to run as root with its sandbox on (CI containers run as root).
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  return _electron.launch({ executablePath, args: [...rootArgs, 'out/main/index.cjs'] });
}

/** The only allowed skip: no Mosquitto on this machine (CI installs it, so never there). */
export function requireMosquitto(): void {
  const available = mosquittoAvailable();
  if (!available) console.warn(MOSQUITTO_MISSING);
  test.skip(!available, MOSQUITTO_MISSING);
}

export { expect };
