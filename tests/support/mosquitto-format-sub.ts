/**
 * mosquitto_sub with `-F`: the independent client's own view of each message, one line per
 * message, payload as hex (byte-exact) and MQTT 5 properties as mosquitto_sub prints them.
 * Resolves `ready` once the broker logged the subscription, so nothing published after is missed.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { connectArgs, type MosquittoBroker } from './mosquitto';

/** Topic, QoS, retain, payload hex, content type, correlation data, response topic, format, user props, time. */
export const SUB_FORMAT = '%t\t%q\t%r\t%x\t%C\t%D\t%R\t%F\t%P\t%U';

export interface FormatSub {
  lines(): string[];
  /** Resolves when `count` lines arrived; rejects after timeoutMs. */
  until(count: number, timeoutMs: number): Promise<string[]>;
  stop(): void;
}

export async function formatSub(broker: MosquittoBroker, filter: string): Promise<FormatSub> {
  const clientId = `mqscope-fsub-${randomBytes(4).toString('hex')}`;
  const args = [
    ...connectArgs(broker),
    '-i',
    clientId,
    '-t',
    filter,
    '-q',
    '1',
    '--retain-as-published',
    '-F',
    SUB_FORMAT,
  ];
  // A window wider than any test's burst: nothing queues at the broker (see mosquitto.ts).
  args.push('-D', 'connect', 'receive-maximum', '65535');
  const child = spawn('mosquitto_sub', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let pending = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    const parts = (pending + text).split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  await broker.waitForLog(new RegExp(`${clientId} 1 ${filter.replace(/[+#$/]/g, (c) => `\\${c}`)}`), 10_000);
  return {
    lines: () => lines,
    stop,
    until: async (count, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (lines.length < count) {
        if (Date.now() > deadline)
          throw new Error(
            `mosquitto_sub got ${lines.length} of ${count} lines in ${timeoutMs} ms; stderr: ${stderr}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return lines.slice(0, count);
    },
  };
}

/**
 * The bytes of the next (or retained) message on `topic` as mosquitto_sub prints them with
 * `-F %x`: byte-exact hex, for "the other side received exactly these bytes" checks.
 */
export async function oneMessageHex(broker: MosquittoBroker, topic: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    'mosquitto_sub',
    [...connectArgs(broker), '-t', topic, '-C', '1', '-W', '20', '-F', '%x'],
    { timeout: 30_000 },
  );
  return stdout.trim();
}
