/**
 * Bulk publishing with the real mosquitto_pub, for message-path tests: many lines to a
 * topic over one connection (`-l`), and payloads from a file (`-f`: binary, megabytes).
 */
import { spawn } from 'node:child_process';
import { connectArgs, type MosquittoBroker } from './mosquitto';

const TIMEOUT_MS = 20_000;

function baseArgs(broker: MosquittoBroker, topic: string, qos: number, retain: boolean): string[] {
  const args = [...connectArgs(broker), '-t', topic, '-q', String(qos)];
  if (retain) args.push('-r');
  return args;
}

function runPub(args: string[], stdin?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // Only -l reads standard input; with -m or -f it may exit before a pipe would be read,
    // and a write to it would fail with EPIPE (seen under load), so it gets none.
    const child = spawn('mosquitto_pub', args, {
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`mosquitto_pub ${args.join(' ')} exited (${String(code ?? signal)}): ${stderr}`));
    });
    if (stdin !== undefined && child.stdin) {
      // The exit code says whether it published; a pipe closed early is not a second error.
      child.stdin.on('error', () => undefined);
      child.stdin.end(stdin);
    }
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

/**
 * Publishes one message with MQTT 5 properties, each given as mosquitto_pub's `-D publish`
 * arguments, e.g. ['content-type', 'application/json'] or ['user-property', 'k', 'v'].
 */
export function mosquittoPubWithProperties(
  broker: MosquittoBroker,
  topic: string,
  message: string,
  properties: readonly (readonly string[])[],
): Promise<void> {
  const args = [...baseArgs(broker, topic, 1, false), '-m', message];
  for (const property of properties) args.push('-D', 'publish', ...property);
  return runPub(args);
}

/** Publishes the bytes of a file as one message (binary-safe, any size the broker takes). */
export function mosquittoPubFile(
  broker: MosquittoBroker,
  topic: string,
  file: string,
  options: { qos?: 0 | 1 | 2; retain?: boolean; properties?: readonly (readonly string[])[] } = {},
): Promise<void> {
  const args = [...baseArgs(broker, topic, options.qos ?? 1, options.retain ?? false), '-f', file];
  for (const property of options.properties ?? []) args.push('-D', 'publish', ...property);
  return runPub(args);
}

export interface Flood {
  /** Messages written to the publishers so far. */
  sent(): number;
  /** Stops every publisher and resolves with the number of messages sent. */
  stop(): Promise<number>;
}

/**
 * A sustained stream until stopped: one mosquitto_pub per topic, fed lines as fast as it
 * takes them (QoS 0). For "the UI stays usable while traffic runs" checks, which must not
 * depend on how long a fixed burst happens to last on a given machine.
 */
export function startFlood(broker: MosquittoBroker, topics: readonly string[]): Flood {
  let sent = 0;
  let stopped = false;
  const chunk = (topic: string, from: number) =>
    Array.from({ length: 200 }, (_, i) => `{"topic":"${topic}","n":${from + i}}`).join('\n') + '\n';
  const children = topics.map((topic) => {
    const child = spawn('mosquitto_pub', [...baseArgs(broker, topic, 0, false), '-l'], {
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    let n = 0;
    const pump = () => {
      while (!stopped) {
        const ok = child.stdin.write(chunk(topic, n));
        n += 200;
        sent += 200;
        if (!ok) {
          child.stdin.once('drain', pump);
          return;
        }
      }
    };
    child.stdin.on('error', () => undefined);
    setImmediate(pump);
    return child;
  });
  return {
    sent: () => sent,
    async stop() {
      stopped = true;
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.stdin.end();
              // mosquitto_pub exits at end of input; make sure, bounded.
              setTimeout(() => child.kill('SIGKILL'), 5000).unref();
            }),
        ),
      );
      return sent;
    },
  };
}
