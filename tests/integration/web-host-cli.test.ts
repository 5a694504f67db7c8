// Issue 14 #5: the web host's command line, through the real built entry (out/web/index.js).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localPub } from '../support/local-broker-tools';
import { freePort } from '../support/mosquitto';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process';

const ENTRY = 'out/web/index.js';
const RUN_TIMEOUT_MS = 15_000;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the entry to its exit (the cases here all end on their own). */
function run(args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(process.execPath, [ENTRY, ...args], { timeout: RUN_TIMEOUT_MS }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mqscope-cli-'));
  temps.push(dir);
  return dir;
}

let host: WebHostProcess | null = null;
let blocker: Server | null = null;
afterEach(async () => {
  await host?.stop();
  host = null;
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  blocker = null;
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('web host command line (Issue 14 #5)', () => {
  it('--help prints the usage and exits 0', async () => {
    const ran = await run(['--help']);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^Usage: npm run web -- /);
    expect(ran.stdout).toContain('--broker-ws-port N');
    expect(ran.stderr).toBe('');
  });

  it.each([
    [['--port', '-5'], '--port takes a whole number from 0 to 65535, not "-5".'],
    [['--prot', '80'], 'Unknown option --prot.'],
    [['--broker-port', '11883'], '--broker-port chooses a port of the local broker: add --local-broker.'],
    [
      ['--orphan-policy', 'never'],
      '--orphan-policy takes "keep" or "close-after=<minutes>" (1 to 10080), not "never".',
    ],
  ])('%j prints one line plus the usage and exits 2', async (args, line) => {
    const ran = await run(args);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    const [first, blank, usage] = ran.stderr.split('\n');
    expect(first).toBe(line);
    expect(blank).toBe('');
    expect(usage).toMatch(/^Usage: npm run web -- /);
  });

  it('says a data folder that is a file is a file, not a folder', async () => {
    const file = join(tempDir(), 'passwd');
    writeFileSync(file, 'root:x:0:0\n');
    const ran = await run(['--data-dir', file]);
    expect(ran.code).toBe(1);
    expect(ran.stderr.trim()).toBe(
      `The data folder ${file} is a file, not a folder: choose another with --data-dir.`,
    );

    const below = await run(['--data-dir', join(file, 'mqscope')]);
    expect(below.code).toBe(1);
    expect(below.stderr).toContain(`a part of its path (${file}) is a file, not a folder`);
  });

  it('starts the local broker on the ports chosen, and prints the URL last', async () => {
    const [tcpPort, wsPort] = [await freePort(), await freePort()];
    host = await startWebHostProcess([
      '--data-dir',
      tempDir(),
      '--local-broker',
      '--broker-port',
      String(tcpPort),
      '--broker-ws-port',
      String(wsPort),
    ]);
    const lines = host.output().trim().split('\n');
    expect(lines.at(-1)).toMatch(/^MQScope web host: http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(lines).toContain(`Local broker: mqtt://127.0.0.1:${tcpPort} and ws://127.0.0.1:${wsPort}/mqtt`);
    // An independent client reaches the broker on the chosen port.
    await localPub({ port: tcpPort, topic: 'cli/check', message: 'hello' });
  });

  it('does not move a chosen broker port that is taken: it says so', async () => {
    blocker = createServer();
    const taken = await new Promise<number>((resolve) =>
      blocker?.listen(0, '127.0.0.1', () => {
        const address = blocker?.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      }),
    );
    host = await startWebHostProcess([
      '--data-dir',
      tempDir(),
      '--local-broker',
      '--broker-port',
      String(taken),
    ]);
    expect(host.output()).toContain(`Local broker not started: Port ${taken} (TCP) is already in use`);
    expect(host.output()).not.toContain('Local broker: mqtt://');
  });
});
