/**
 * mosquitto_pub / mosquitto_sub against MQScope's own local broker. The Mosquitto harness'
 * helpers read Mosquitto's log to know when a subscription is in place; against aedes there
 * is no such log, so mosquitto_sub runs with -d and we wait for its SUBACK line instead.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';

const CLIENT_TIMEOUT_MS = 10_000;
const STDBUF = '/usr/bin/stdbuf';

export interface LocalClientArgs {
  port: number;
  topic: string;
  qos?: 0 | 1 | 2;
  /** mqttv311 (mosquitto's default) or mqttv5. */
  version?: 'mqttv311' | 'mqttv5';
  username?: string;
  password?: string;
  clientId?: string;
}

export interface SubMessage {
  topic: string;
  payload: string;
  qos: number;
  retain: boolean;
}

export interface LocalSubscriber {
  clientId: string;
  /** Resolves with `count` messages, or rejects with mosquitto_sub's output on timeout or exit. */
  messages: Promise<SubMessage[]>;
  /** Resolves with the exit code once mosquitto_sub has ended. */
  exited: Promise<number | null>;
  stop(): void;
}

function common(args: LocalClientArgs): string[] {
  const argv = ['-h', '127.0.0.1', '-p', String(args.port), '-V', args.version ?? 'mqttv311'];
  if (args.username !== undefined) argv.push('-u', args.username);
  if (args.password !== undefined) argv.push('-P', args.password);
  return argv;
}

export function localPub(args: LocalClientArgs & { message: string; retain?: boolean }): Promise<void> {
  const argv = [...common(args), '-t', args.topic, '-m', args.message, '-q', String(args.qos ?? 0)];
  if (args.retain) argv.push('-r');
  if (args.clientId) argv.push('-i', args.clientId);
  return new Promise((resolve, reject) =>
    execFile('mosquitto_pub', argv, { timeout: CLIENT_TIMEOUT_MS }, (error, stdout, stderr) =>
      error ? reject(new Error(`mosquitto_pub failed: ${error.message}\n${stderr}${stdout}`)) : resolve(),
    ),
  );
}

/** Starts mosquitto_sub and resolves once the broker has acknowledged its subscription. */
export async function localSub(args: LocalClientArgs & { count: number }): Promise<LocalSubscriber> {
  const clientId = args.clientId ?? `local-sub-${randomBytes(4).toString('hex')}`;
  const argv = [...common(args), '-d', '-i', clientId, '-t', args.topic, '-q', String(args.qos ?? 0)];
  argv.push('-C', String(args.count), '-F', '%j');
  // mosquitto_sub block-buffers a piped stdout: without line buffering its SUBACK line
  // would only arrive when it exits.
  const child = existsSync(STDBUF)
    ? spawn(STDBUF, ['-oL', 'mosquitto_sub', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn('mosquitto_sub', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  let pendingLine = '';
  const received: SubMessage[] = [];
  let onSubscribed: () => void = () => undefined;
  const subscribed = new Promise<void>((resolve) => (onSubscribed = resolve));

  const messages = new Promise<SubMessage[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mosquitto_sub timed out with ${received.length}/${args.count}:\n${output}`));
    }, CLIENT_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      output += text;
      if (/received SUBACK/i.test(output)) onSubscribed();
      const lines = (pendingLine + text).split('\n');
      pendingLine = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const parsed = JSON.parse(line) as { topic: string; payload: unknown; qos: number; retain: unknown };
        received.push({
          topic: parsed.topic,
          payload: typeof parsed.payload === 'string' ? parsed.payload : JSON.stringify(parsed.payload),
          qos: parsed.qos,
          retain: parsed.retain === true || parsed.retain === 1,
        });
      }
      if (received.length >= args.count) {
        clearTimeout(timer);
        resolve(received);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
    void exited.then((code) => {
      clearTimeout(timer);
      if (received.length < args.count) reject(new Error(`mosquitto_sub exited (${code}):\n${output}`));
    });
  });
  messages.catch(() => undefined);
  await Promise.race([subscribed, messages]);
  return {
    clientId,
    messages,
    exited,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
