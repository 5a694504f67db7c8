/**
 * Flood levels (Trust #18): large payloads into three connections under one configured
 * memory budget, in a child process of its own so that its peak RSS is the host's and
 * nothing else's. Target: peak RSS < 2 × budget + 200 MB. The budget is set lower than the
 * default (and below 3 × the per-connection bound) so that the shared budget is what binds.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../electron/engine';
import { HOST_ENV } from '../electron/web/host-env';
import { mib, publish, type BrokerAddress } from './bench-support';
import { engineCall } from './engine-call';

const MiB = 1024 * 1024;
export const FLOOD_BUDGET = 128 * MiB;
export const FLOOD_TARGET = 2 * FLOOD_BUDGET + 200 * MiB;
/**
 * A level ends when every message arrived, or this long after the publisher finished (QoS 0
 * may drop; a 200 MB payload takes a while to cross a loaded machine).
 */
const SETTLE_MS = 60_000;

interface Level {
  label: string;
  payloadBytes: number;
  count: number;
  connections: number;
  /**
   * MQTT 3.1.1 for the level above the default maximum packet size: there no CONNECT
   * property keeps the broker from sending it, so the client-side cap must refuse it from its
   * header (the connection ends with PACKET_TOO_LARGE, nothing is received or buffered).
   */
  protocolVersion?: '3.1.1';
}

const LEVELS: Level[] = [
  { label: '1 MB x 200', payloadBytes: MiB, count: 200, connections: 3 },
  { label: '16 MB x 16', payloadBytes: 16 * MiB, count: 16, connections: 3 },
  { label: '200 MB x 1', payloadBytes: 200 * MiB, count: 1, connections: 1, protocolVersion: '3.1.1' },
];

export interface FloodLevelResult {
  label: string;
  connections: number;
  sent: number;
  received: number;
  peakRss: number;
  /** Buffer memory (live and not yet collected) when RSS peaked. */
  peakBuffers: number;
  keptBytes: number;
  seconds: number;
  /** Problem codes of connections that ended during the level (e.g. PACKET_TOO_LARGE). */
  ended: string[];
}

export interface FloodResult {
  budget: number;
  baseRss: number;
  levels: FloodLevelResult[];
  /** The process's own high-water mark (getrusage), over all levels. */
  maxRss: number;
}

/** Child side: runs the levels against the broker and prints one JSON line. */
export async function floodChild(broker: BrokerAddress): Promise<void> {
  const engine = createEngine({ host: 'web', version: 'bench' });
  const call = engineCall(engine);
  await call('stream.setLimits', { maxTotalBytes: FLOOD_BUDGET });
  globalThis.gc?.();
  const baseRss = process.memoryUsage.rss();
  let peak = 0;
  let peakBuffers: number;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss <= peak) return;
    peak = rss;
    peakBuffers = process.memoryUsage().arrayBuffers;
  }, 5);
  const levels: FloodLevelResult[] = [];
  for (const [i, level] of LEVELS.entries()) {
    const prefix = `flood${i}`;
    const ids: string[] = [];
    for (let c = 0; c < level.connections; c++) {
      const status = await call('connection.open', {
        transport: 'mqtt',
        host: broker.host,
        port: broker.ports.mqtt,
        username: broker.username,
        password: broker.password,
        ...(level.protocolVersion && { protocolVersion: level.protocolVersion }),
      });
      await call('subscription.add', { connectionId: status.connectionId, filter: `${prefix}/#`, qos: 0 });
      ids.push(status.connectionId);
    }
    peak = process.memoryUsage.rss();
    peakBuffers = process.memoryUsage().arrayBuffers;
    const started = Date.now();
    const run = await publish(broker, {
      count: level.count,
      topics: 4,
      prefix,
      payloadBytes: level.payloadBytes,
    });
    const received = async () => {
      let sum = 0;
      for (const connectionId of ids) sum += (await call('stream.poll', { connectionId })).stats.received;
      return sum;
    };
    // A connection that ended (a packet over the cap) will receive nothing more.
    const allEnded = async () =>
      (await call('connection.list', {}))
        .filter((c) => ids.includes(c.connectionId))
        .every((c) => c.state === 'failed' || c.state === 'disconnected');
    const settleBy = Date.now() + SETTLE_MS;
    let last = await received();
    while (last < run.sent * ids.length && Date.now() < settleBy && !(await allEnded())) {
      await new Promise((r) => setTimeout(r, 50));
      last = await received();
    }
    const memory = await call('stream.memory', {});
    const ended = (await call('connection.list', {}))
      .filter((c) => ids.includes(c.connectionId) && c.problem)
      .map((c) => c.problem?.code ?? '');
    levels.push({
      label: level.label,
      connections: level.connections,
      sent: run.sent * ids.length,
      received: last,
      peakRss: peak,
      peakBuffers,
      keptBytes: memory.used,
      seconds: (Date.now() - started) / 1000,
      ended,
    });
    for (const connectionId of ids) await call('connection.remove', { connectionId });
    globalThis.gc?.();
  }
  clearInterval(sampler);
  await engine.dispose();
  const result: FloodResult = {
    budget: FLOOD_BUDGET,
    baseRss,
    levels,
    maxRss: process.resourceUsage().maxRSS * 1024,
  };
  console.log(JSON.stringify(result));
}

/** Parent side: runs the flood child, prints the table; resolves false when the target is missed. */
export async function runFlood(broker: BrokerAddress): Promise<boolean> {
  const script = fileURLToPath(import.meta.url);
  const address: BrokerAddress = {
    host: broker.host,
    ports: broker.ports,
    username: broker.username,
    password: broker.password,
  };
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', script], {
      // The host runs with the environment its launcher gives it (see HOST_ENV).
      env: {
        ...process.env,
        ...HOST_ENV,
        BENCH_ONLY: 'flood-child',
        BENCH_BROKER: JSON.stringify(address),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`flood child exited with ${String(code)}`)),
    );
  });
  const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as FloodResult;
  let ok = true;
  console.log(
    `Flood (budget ${mib(result.budget)} for all connections; target: host RSS < 2 x budget + 200 MB = ${mib(FLOOD_TARGET)}; RSS at start ${mib(result.baseRss)})`,
  );
  for (const level of result.levels) {
    const met = level.peakRss < FLOOD_TARGET;
    ok &&= met;
    console.log(
      `  ${level.label.padEnd(11)} ${level.connections} conn  peak RSS ${mib(level.peakRss).padStart(7)}  ` +
        `(buffers ${mib(level.peakBuffers).padStart(6)})  kept ${mib(level.keptBytes).padStart(6)}  ${level.received.toLocaleString('en-US')} of ${level.sent.toLocaleString('en-US')} received  ` +
        `${level.seconds.toFixed(1)} s  ${met ? 'ok' : 'MISSED'}` +
        (level.ended.length ? `  (refused: ${level.ended.join(', ')})` : ''),
    );
  }
  const met = result.maxRss < FLOOD_TARGET;
  ok &&= met;
  console.log(`  high-water RSS (getrusage) ${mib(result.maxRss)}  ${met ? 'ok' : 'MISSED'}`);
  return ok;
}
