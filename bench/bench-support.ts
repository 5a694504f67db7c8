import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MosquittoBroker } from '../tests/support/mosquitto';

export interface PublishRun {
  sent: number;
  ms: number;
}

/** What a publisher needs of the broker (a child process gets only this). */
export type BrokerAddress = Pick<MosquittoBroker, 'host' | 'ports' | 'username' | 'password'>;

/** Runs the publisher process to completion. */
export function publish(
  broker: BrokerAddress,
  options: {
    count: number;
    topics: number;
    prefix: string;
    rate?: number;
    /** Payloads of this many bytes instead of 100-byte JSON. */
    payloadBytes?: number;
    /** Stop after this many seconds, whatever `count` says (flat-out levels). */
    seconds?: number;
  },
): Promise<PublishRun> {
  const script = fileURLToPath(new URL('./publisher.js', import.meta.url));
  const args = {
    url: `mqtt://${broker.host}:${broker.ports.mqtt}`,
    username: broker.username,
    password: broker.password,
    rate: 0,
    payloadBytes: 0,
    seconds: 0,
    ...options,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`publisher exited with ${String(code)}`));
      resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as PublishRun);
    });
  });
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')} msg/s`;

export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}
