/**
 * The built web host (out/web/index.js) as a user starts it, and a small contract client
 * over its WebSocket: for tests that need a real process (restarts, command-line flags).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { decode, encode } from '@msgpack/msgpack';
import WebSocket from 'ws';
import type { Envelope, RequestInput, RequestName, RequestResult } from '../../electron/contract';
import { WEB_SOCKET_PATH, type ServerFrame } from '../../electron/contract/web-wire';

const START_TIMEOUT_MS = 15_000;
const ENTRY = 'out/web/index.js';

export interface WebHostProcess {
  url: string;
  /** For reading the host's memory (/proc/<pid>/status) and whether it is still alive. */
  pid: number;
  /** The exit code once it exited (null for a signal); undefined while it runs. */
  exitCode(): number | null | undefined;
  output(): string;
  call<N extends RequestName>(name: N, input: RequestInput<N>): Promise<Envelope<RequestResult<N>>>;
  /** SIGTERM, then resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function startWebHostProcess(args: string[]): Promise<WebHostProcess> {
  if (!existsSync(ENTRY))
    throw new Error(`${ENTRY} is missing: run \`npm run build\` first (npm test does).`);
  const child: ChildProcess = spawn(process.execPath, [ENTRY, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no URL within ${START_TIMEOUT_MS} ms:\n${output}`)),
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
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the web host exited (${code}) before printing its URL:\n${output}`));
    });
  });
  const page = new URL(url);
  const ws = new WebSocket(`ws://${page.host}${WEB_SOCKET_PATH}?token=${page.searchParams.get('token')}`, {
    headers: { Origin: page.origin },
  });
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>();
  ws.on('message', (data: Buffer) => {
    const frame = decode(data) as ServerFrame;
    if (frame.kind === 'response') pending.get(frame.id)?.(frame.envelope);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  return {
    url,
    pid: child.pid ?? 0,
    exitCode: () => exitCode,
    output: () => output,
    call(name, input) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, (envelope) => resolve(envelope as Envelope<RequestResult<typeof name>>));
        ws.send(encode({ kind: 'request', id, name, input }));
      });
    },
    async stop() {
      ws.close();
      // Already gone (a test killed it): nothing to wait for.
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Starts the built web host and waits for it to exit (for starts that must be refused). */
export async function runWebHostToExit(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` first.`);
  const child = spawn(process.execPath, [ENTRY, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, stdout, stderr };
}
