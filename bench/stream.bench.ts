/**
 * `npm run bench`: the message path's speed and memory against a local Mosquitto started
 * by the test harness, on loopback. Not a test: it prints figures (see README, Performance).
 *
 *   L1  a bare mqtt.js subscriber: the ceiling
 *   L2  the same load through MQScope's engine (topic index + message log + batching)
 *   Topics  100 000 distinct topics: time until the index has them, until a reader has
 *           pulled them all, and a filter over them
 *   Memory  1 000 000 messages through the engine with the default log bounds
 *   Flood   large payloads (1 MB, 16 MB, one 200 MB) into several connections under one
 *           memory budget; host RSS against 2 x budget + 200 MB (bench/flood.ts)
 *   IPC the engine behind the real preload bridge and ipcMain binding (bench/ipc.ts)
 *   L3  (bench/e2e.ts) the web host and the renderer in headless Chromium, paced at 20k msg/s
 *   L3 flat (bench/flat-out.ts) the same, the publisher as fast as the broker takes it
 *   Low rate (bench/low-rate.ts) 1,000 msg/s for 20 s: renderer and host CPU, host RSS
 *   Cold start (bench/cold-start.ts) host process start to first paint; the start path's bytes
 *
 * Every goal of issue 18 is a line with its target and noise band (bench/targets.ts); the run
 * exits non-zero when a figure misses its target by more than its band, or the flood's RSS bound.
 */
import { cpus } from 'node:os';
import mqtt from 'mqtt';
import { compileTopicMatch, type TopicMatchInput } from '../electron/contract';
import { createEngine } from '../electron/engine';
import { startMosquitto, type MosquittoBroker } from '../tests/support/mosquitto';
import { mib, perSecond, publish, waitFor, type BrokerAddress } from './bench-support';
import { floodChild, runFlood } from './flood';
import { ingestOnly } from './ingest-only';
import { runColdStart } from './cold-start';
import { runEndToEnd } from './e2e';
import { runScriptsBench } from './scripts';
import { runFlatOut } from './flat-out';
import { runIpc } from './ipc';
import { runLowRate } from './low-rate';
import { runDecode, withSparkplugBinding } from './decode';
import { runSearch, searchesAlongside } from './search';
import { runCharts } from './charts';
import { allVerdicts, judge, missedTargets } from './targets';
import { engineCall } from './engine-call';

const LOAD = { count: 200_000, topics: 10_000 };
const ROUNDS = 2;

function cpuPerMessage(used: NodeJS.CpuUsage, messages: number): string {
  return `${((used.user + used.system) / messages).toFixed(1)} µs/msg`;
}

async function rawSubscriber(broker: MosquittoBroker, prefix: string): Promise<number> {
  const client = await mqtt.connectAsync(`mqtt://${broker.host}:${broker.ports.mqtt}`, {
    username: broker.username,
    password: broker.password,
    protocolVersion: 5,
  });
  await client.subscribeAsync(`${prefix}/#`, { qos: 0 });
  let received = 0;
  let first = 0;
  let last = 0;
  client.on('message', () => {
    last = Date.now();
    if (received++ === 0) first = last;
  });
  const cpu = process.cpuUsage();
  const run = await publish(broker, { ...LOAD, prefix });
  await waitFor(() => received >= run.sent, 20_000);
  const used = process.cpuUsage(cpu);
  await client.endAsync();
  const rate = received / ((last - first) / 1000);
  console.log(
    `L1 raw mqtt.js      ${perSecond(rate)}  (${received.toLocaleString('en-US')} of ${run.sent.toLocaleString('en-US')} received; ` +
      `subscriber CPU ${cpuPerMessage(used, received)}; publisher ${perSecond(run.sent / (run.ms / 1000))})`,
  );
  return rate;
}

function engineClient() {
  const engine = createEngine({ host: 'web', version: 'bench' });
  const call = engineCall(engine);
  return { engine, call };
}

async function openEngine(broker: MosquittoBroker, filter: string) {
  const { engine, call } = engineClient();
  const status = await call('connection.open', {
    transport: 'mqtt',
    host: broker.host,
    port: broker.ports.mqtt,
    username: broker.username,
    password: broker.password,
  });
  await call('subscription.add', { connectionId: status.connectionId, filter, qos: 0 });
  // Read the way the renderer does: following the cursors, at most 20 times a second.
  let epoch = 0;
  let topicCursor = 0;
  let afterSeq = 0;
  let lastPoll = 0;
  const stats = async () => {
    const wait = lastPoll + 50 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lastPoll = Date.now();
    const answer = await call('stream.poll', {
      connectionId: status.connectionId,
      epoch,
      topicCursor,
      afterSeq,
    });
    epoch = answer.stats.epoch;
    topicCursor = answer.topicCursor;
    afterSeq = answer.stats.lastSeq;
    return answer.stats;
  };
  return { engine, call, connectionId: status.connectionId, stats };
}

/** Work beside an L2 run (a search, codec previews): started on the engine, stopped with a note. */
export type Alongside = (
  call: ReturnType<typeof engineClient>['call'],
  connectionId: string,
) => Promise<() => Promise<string>>;

async function engineIngest(
  broker: MosquittoBroker,
  prefix: string,
  alongside?: { label: string; start: Alongside },
): Promise<number> {
  const { engine, call, connectionId, stats } = await openEngine(broker, `${prefix}/#`);
  const stop = await alongside?.start(call, connectionId);
  // What the work beside it put in the log first (none for plain L2) is not this run's.
  const base = alongside ? await stats() : { received: 0, lastSeq: 0 };
  const cpu = process.cpuUsage();
  const running = publish(broker, { ...LOAD, prefix });
  let done = await stats();
  for (let i = 0; i < 400 && done.received === base.received; i++) done = await stats();
  // The run's first seq is still kept this early: its receive time is the start of the run.
  const first = await call('messages.detail', { connectionId, seq: base.lastSeq + 1, maxBytes: 1 });
  const run = await running;
  for (let i = 0; i < 400 && done.received - base.received < run.sent; i++) done = await stats();
  const ingestedAt = Date.now();
  const used = process.cpuUsage(cpu);
  const note = stop ? `; ${await stop()}` : '';
  const received = done.received - base.received;
  const rate = received / ((ingestedAt - first.receivedAt) / 1000);
  const memory = process.memoryUsage();
  console.log(
    `${alongside?.label ?? 'L2 engine ingest   '} ${perSecond(rate)}  (${received.toLocaleString('en-US')} of ${run.sent.toLocaleString('en-US')} in log+index, ` +
      `${done.topics.toLocaleString('en-US')} topics; engine CPU ${cpuPerMessage(used, received)}, reader polling at 20/s; ` +
      `publisher ${perSecond(run.sent / (run.ms / 1000))}; memory: engine process RSS ${mib(memory.rss)}, heap ${mib(memory.heapUsed)}${note})`,
  );
  await engine.dispose();
  return rate;
}

async function topics(broker: MosquittoBroker): Promise<void> {
  const count = 100_000;
  const { engine, call, connectionId, stats } = await openEngine(broker, 'topics/#');
  const started = Date.now();
  const run = publish(broker, { count, topics: count, prefix: 'topics/site' });
  let current = await stats();
  while (current.topics < count && Date.now() - started < 30_000) current = await stats();
  const indexed = Date.now() - started;
  await run;
  // A fresh reader pulling the whole tree, page by page, as the renderer does on first sight.
  const pullStart = Date.now();
  let cursor = 0;
  let nodes = 0;
  for (;;) {
    const answer = await call('stream.poll', {
      connectionId,
      topicCursor: cursor,
      epoch: current.epoch,
      afterSeq: current.lastSeq,
    });
    nodes += answer.topics.length;
    cursor = answer.topicCursor;
    if (!answer.moreTopics) break;
  }
  const pulled = Date.now() - pullStart;
  console.log(
    `Topics 100k         indexed ${current.topics.toLocaleString('en-US')} topics ${indexed} ms after the publisher started; a reader pulled ${nodes.toLocaleString('en-US')} nodes in ${pulled} ms`,
  );
  const paths = Array.from({ length: count }, (_, i) => `topics/site/${i}`);
  const filters: [string, TopicMatchInput][] = [
    ['substring', { text: '/99' }],
    ['wildcard', { text: 'topics/+/12345', mode: 'wildcard' }],
    ['regex', { text: '^topics/site/(1|2)\\d{4}$', mode: 'regex' }],
    ['exclude', { exclude: ['$SYS/#', 'topics/site/#'] }],
  ];
  for (const [label, input] of filters) {
    const t0 = performance.now();
    const compiled = compileTopicMatch(input);
    const matched = compiled.ok ? paths.filter(compiled.test).length : -1;
    console.log(
      `  filter ${label.padEnd(10)} ${(performance.now() - t0).toFixed(1)} ms over ${count.toLocaleString('en-US')} topics (${matched.toLocaleString('en-US')} match)`,
    );
  }
  await engine.dispose();
}

async function memory(broker: MosquittoBroker): Promise<void> {
  globalThis.gc?.();
  const before = process.memoryUsage();
  const { engine, stats } = await openEngine(broker, 'mem/#');
  const count = 1_000_000;
  const run = await publish(broker, { count, topics: 10_000, prefix: 'mem' });
  let done = await stats();
  for (let i = 0; i < 600 && done.received < run.sent; i++) done = await stats();
  globalThis.gc?.();
  const after = process.memoryUsage();
  console.log(
    `Memory 1M messages  engine RSS ${mib(before.rss)} -> ${mib(after.rss)}, heap ${mib(before.heapUsed)} -> ${mib(after.heapUsed)}, ` +
      `payload buffers ${mib(before.arrayBuffers)} -> ${mib(after.arrayBuffers)}; ` +
      `log keeps ${done.count.toLocaleString('en-US')} (${mib(done.bytes)}, bound ${done.limits.maxMessages.toLocaleString('en-US')} / ${mib(done.limits.maxBytes)}), ` +
      `${done.evicted.toLocaleString('en-US')} evicted, ${done.received.toLocaleString('en-US')} received`,
  );
  await engine.dispose();
}

/** Issue 12: D1 decode, and L2 with a Sparkplug binding on every topic against L1. */
async function codecLevels(broker: MosquittoBroker, l1: number): Promise<void> {
  await runDecode(broker);
  const l2 = await engineIngest(broker, 'l2sp', {
    label: 'D2 L2 + binding on #',
    start: withSparkplugBinding,
  });
  console.log(`  ratio D2/L1 = ${(l2 / l1).toFixed(2)}; ${judge('decode-binding-ratio', l2 / l1)}`);
}

/** Issue 11: P1 payload search over 100,000 kept messages, and L2 while searches run. */
async function searchLevels(broker: MosquittoBroker, l1: number): Promise<void> {
  await runSearch(broker);
  const l2 = await engineIngest(broker, 'l2srch', {
    label: 'P2 L2 + searches    ',
    start: searchesAlongside(broker, 'l2srch'),
  });
  console.log(`  ratio P2/L1 = ${(l2 / l1).toFixed(2)}; ${judge('search-ingest-ratio', l2 / l1)}`);
}

/** Targets missed in this run; the process exits non-zero when there are any. */
const missed: string[] = [];

async function main(): Promise<void> {
  if (process.env['BENCH_ONLY'] === 'flood-child') {
    await floodChild(JSON.parse(process.env['BENCH_BROKER'] ?? '{}') as BrokerAddress);
    return;
  }
  console.log(
    `MQScope stream benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, loopback Mosquitto`,
  );
  console.log(
    `Load: QoS 0, 100-byte JSON, ${LOAD.topics.toLocaleString('en-US')} topics, ${LOAD.count.toLocaleString('en-US')} messages per level\n`,
  );
  const broker = await startMosquitto();
  try {
    if (process.env['BENCH_ONLY'] === 'ingest') {
      ingestOnly();
      return;
    }
    if (process.env['BENCH_ONLY'] === 'ratio') {
      const l1 = await rawSubscriber(broker, 'l1ratio');
      const l2 = await engineIngest(broker, 'l2ratio');
      console.log(`  ratio L2/L1 = ${(l2 / l1).toFixed(2)}; ${judge('l2-ratio', l2 / l1)}`);
      return;
    }
    if (process.env['BENCH_ONLY'] === 'l2') {
      await engineIngest(broker, 'l2only');
      return;
    }
    if (process.env['BENCH_ONLY'] === 'l3') {
      await runEndToEnd(broker);
      return;
    }
    // Levels run alone take L1 from one quick raw round.
    if (process.env['BENCH_ONLY'] === 'flat') {
      await runFlatOut(broker, await rawSubscriber(broker, 'l1flat'));
      return;
    }
    if (process.env['BENCH_ONLY'] === 'ipc') {
      await runIpc(broker, await rawSubscriber(broker, 'l1ipc'));
      return;
    }
    if (process.env['BENCH_ONLY'] === 'low') {
      await runLowRate(broker);
      return;
    }
    if (process.env['BENCH_ONLY'] === 'decode') {
      const l1 = await rawSubscriber(broker, 'l1decode');
      console.log(
        `  plain L2/L1 = ${((await engineIngest(broker, 'l2decode')) / l1).toFixed(2)}, for comparison`,
      );
      await codecLevels(broker, l1);
      return;
    }
    if (process.env['BENCH_ONLY'] === 'search') {
      const l1 = await rawSubscriber(broker, 'l1search');
      console.log(
        `  plain L2/L1 = ${((await engineIngest(broker, 'l2search')) / l1).toFixed(2)}, for comparison`,
      );
      await searchLevels(broker, l1);
      return;
    }
    if (process.env['BENCH_ONLY'] === 'chart') {
      await runCharts(broker);
      return;
    }
    if (process.env['BENCH_ONLY'] === 'cold') {
      await runColdStart();
      return;
    }
    if (process.env['BENCH_ONLY'] === 'flood') {
      if (!(await runFlood(broker))) process.exitCode = 1;
      return;
    }
    // First, while the process is fresh: its RSS is then the engine's and nothing else's.
    await memory(broker);
    console.log('');
    // In a process of its own: its peak RSS is the host's alone.
    if (!(await runFlood(broker))) missed.push('flood RSS < 2 x budget + 200 MB');
    console.log('');
    // Alternate the two, twice, and keep the best of each: on a small shared machine one
    // run can lose a second to a neighbour, which says nothing about either path.
    let l1 = 0;
    let l2 = 0;
    for (let round = 0; round < ROUNDS; round++) {
      l1 = Math.max(l1, await rawSubscriber(broker, `l1r${round}`));
      l2 = Math.max(l2, await engineIngest(broker, `l2r${round}`));
    }
    console.log(
      `  best of ${ROUNDS}: L1 ${perSecond(l1)}, L2 ${perSecond(l2)}; ratio L2/L1 = ${(l2 / l1).toFixed(2)}; ${judge('l2-ratio', l2 / l1)}`,
    );
    ingestOnly();
    console.log('');
    await runIpc(broker, l1);
    console.log('');
    await topics(broker);
    console.log('');
    missed.push(...(await runScriptsBench(broker)));
    console.log('');
    await codecLevels(broker, l1);
    console.log('');
    await searchLevels(broker, l1);
    console.log('');
    await runCharts(broker);
    console.log('');
    const l3 = await runEndToEnd(broker);
    if (l3)
      console.log(`  ratio L3/L1 = ${(l3 / l1).toFixed(2)} (L3 is paced at the rate above, not flat out)`);
    console.log('');
    await runFlatOut(broker, l1);
    console.log('');
    await runLowRate(broker);
    console.log('');
    await runColdStart();
  } finally {
    await broker.stop();
  }
  const verdicts = allVerdicts();
  console.log(
    `\nGoals: ${verdicts.map((v) => `${v.id} ${Number(v.value.toFixed(2))} ${v.status}`).join('; ')}`,
  );
  missed.push(...missedTargets().map((v) => v.id));
  if (missed.length > 0) {
    console.log(`\nTargets missed: ${missed.join('; ')}`);
    process.exitCode = 1;
  } else {
    console.log('\nAll targets met.');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
