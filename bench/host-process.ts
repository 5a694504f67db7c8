/**
 * The built web host as its own process, started as `npm run web` starts it (same environment,
 * see HOST_ENV, and a fresh data folder): its CPU and RSS are then the host's alone, read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOST_ENV } from '../electron/web/host-env';

export interface HostProcess {
  url: string;
  pid: number;
  /** Date.now() when the process was spawned. */
  spawnedAt: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

export async function startHostProcess(): Promise<HostProcess> {
  const script = fileURLToPath(new URL('../web/index.js', import.meta.url));
  const dataDir = mkdtempSync(join(tmpdir(), 'mqscope-bench-host-'));
  const spawnedAt = Date.now();
  const child: ChildProcess = spawn(process.execPath, [script, '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...HOST_ENV,
      ...(process.env['BENCH_HOST_NODE_OPTIONS']
        ? { NODE_OPTIONS: process.env['BENCH_HOST_NODE_OPTIONS'] }
        : {}),
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`web host: no URL in ${START_TIMEOUT_MS} ms\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /MQScope web host: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(() => reject(new Error(`web host exited before printing its URL\n${output}`)));
  });
  return {
    url,
    pid: child.pid ?? 0,
    spawnedAt,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
