/**
 * Bulk publishing with the real mosquitto_pub, for message-path tests: many lines to a
 * topic over one connection (`-l`), and payloads from a file (`-f`: binary, megabytes).
 */
import { spawn } from 'node:child_process';
import type { MosquittoBroker } from './mosquitto';

const TIMEOUT_MS = 20_000;

function baseArgs(broker: MosquittoBroker, topic: string, qos: number, retain: boolean): string[] {
  const args = [
    '-h',
    broker.host,
    '-p',
    String(broker.ports.mqtt),
    '-u',
    broker.username,
    '-P',
    broker.password,
  ];
  args.push('-V', 'mqttv5', '-t', topic, '-q', String(qos));
  if (retain) args.push('-r');
  return args;
}

function runPub(args: string[], stdin?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('mosquitto_pub', args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`mosquitto_pub ${args.join(' ')} exited (${String(code ?? signal)}): ${stderr}`));
    });
    child.stdin.end(stdin ?? '');
  });
}

/** Publishes each line as one message on `topic`, in order, over one connection. */
export function mosquittoPubLines(
  broker: MosquittoBroker,
  topic: string,
  lines: readonly string[],
  qos: 0 | 1 | 2 = 1,
): Promise<void> {
  return runPub([...baseArgs(broker, topic, qos, false), '-l'], `${lines.join('\n')}\n`);
}

/** Publishes the bytes of a file as one message (binary-safe, any size the broker takes). */
export function mosquittoPubFile(
  broker: MosquittoBroker,
  topic: string,
  file: string,
  options: { qos?: 0 | 1 | 2; retain?: boolean } = {},
): Promise<void> {
  return runPub([...baseArgs(broker, topic, options.qos ?? 1, options.retain ?? false), '-f', file]);
}
