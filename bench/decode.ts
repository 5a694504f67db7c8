/**
 * Codec levels (issue 12, Performance):
 *
 *   D1  one poll answer's 500 rows decoded: an edge node's NBIRTH and DBIRTH, then 500 DDATA
 *       of 20 metrics carrying aliases only (as a real device sends them), encoded by
 *       protobufjs from the bundled Tahu schema, through Mosquitto into the engine; then the
 *       renderer's `payload.previews` request for those 500 seqs (the most one request takes),
 *       through the hosts' dispatch. Target < 20 ms.
 *   D2  L2 ingest with a Sparkplug B binding on `#` (decoding is lazy: ingest must not pay for
 *       it), the reader asking previews of a screenful of rows as it polls. Target >= 0.9 x L1.
 */
import mqtt from 'mqtt';
import { parse, type Type } from 'protobufjs';
import { decodeSparkplug, birthAliases } from '../electron/codecs';
import { SPARKPLUG_B_PROTO } from '../electron/codecs/sparkplug-b-proto';
import type { BrokerAddress } from './bench-support';
import { bestAndMedian, subscribedEngine, waitForKept, type EngineCall } from './engine-call';
import { judge } from './targets';

const ROWS = 500;
const METRICS = 20;
const RUNS = 30;
/** What a list shows at once: the rows whose previews the renderer asks for per poll. */
const SCREEN_ROWS = 40;

/** Datatype numbers (Sparkplug 3.0 §6.4.16) a device's metrics typically mix. */
const TYPES = [3, 4, 8, 9, 10, 11, 12, 13] as const;

function tahuPayload(): Type {
  return parse(SPARKPLUG_B_PROTO, { keepCase: true }).root.lookupType('org.eclipse.tahu.protobuf.Payload');
}

function metricValue(type: number, n: number, i: number): Record<string, unknown> {
  switch (type) {
    case 3:
      return { int_value: (n * 7 + i) >>> 0 };
    case 4:
    case 8:
      return { long_value: 1_000_000_000_000 + n * 13 + i };
    case 9:
      return { float_value: 20 + ((n + i) % 100) / 10 };
    case 10:
      return { double_value: 1000.25 + n / 3 + i };
    case 11:
      return { boolean_value: (n + i) % 2 === 0 };
    case 12:
      return { string_value: `state-${(n + i) % 5}` };
    default:
      return { long_value: 1_764_000_000_000 + n * 1000 };
  }
}

/** NBIRTH, DBIRTH with 20 named and aliased metrics, and `rows` DDATA with aliases only. */
export function sparkplugDevice(rows: number, now = Date.now()): { topic: string; payload: Uint8Array }[] {
  const type = tahuPayload();
  const encode = (payload: Record<string, unknown>) => type.encode(type.fromObject(payload)).finish();
  const base = 'spBv1.0/Plant1/';
  const types = Array.from({ length: METRICS }, (_, i) => TYPES[i % TYPES.length] ?? 10);
  const out = [
    {
      topic: `${base}NBIRTH/Edge1`,
      payload: encode({
        timestamp: now,
        seq: 0,
        metrics: [
          { name: 'bdSeq', alias: 0, datatype: 8, timestamp: now, long_value: 0 },
          { name: 'Node Control/Rebirth', alias: 1, datatype: 11, timestamp: now, boolean_value: false },
        ],
      }),
    },
    {
      topic: `${base}DBIRTH/Edge1/Press7`,
      payload: encode({
        timestamp: now,
        seq: 1,
        metrics: types.map((t, i) => ({
          name: `Line/Press7/Metric${i}`,
          alias: 100 + i,
          datatype: t,
          timestamp: now,
          ...metricValue(t, 0, i),
        })),
      }),
    },
  ];
  for (let n = 0; n < rows; n++) {
    out.push({
      topic: `${base}DDATA/Edge1/Press7`,
      payload: encode({
        timestamp: now + n,
        seq: (n + 2) % 256,
        metrics: types.map((t, i) => ({ alias: 100 + i, timestamp: now + n, ...metricValue(t, n, i) })),
      }),
    });
  }
  return out;
}

async function publishAll(broker: BrokerAddress, messages: { topic: string; payload: Uint8Array }[]) {
  const client = await mqtt.connectAsync(`mqtt://${broker.host}:${broker.ports.mqtt}`, {
    username: broker.username,
    password: broker.password,
    protocolVersion: 5,
  });
  // QoS 1: every row arrives, so the level always decodes exactly 500.
  for (const m of messages) await client.publishAsync(m.topic, Buffer.from(m.payload), { qos: 1 });
  await client.endAsync();
}

/** D1: the renderer's request for one poll answer's 500 rows, timed end to end in the engine. */
export async function runDecode(broker: BrokerAddress): Promise<void> {
  const { engine, call, connectionId } = await subscribedEngine(broker, 'spBv1.0/#');
  try {
    const messages = sparkplugDevice(ROWS);
    await publishAll(broker, messages);
    const stats = await waitForKept(call, connectionId, messages.length, 30_000);
    // Seqs 1 and 2 are the births; the rows follow them.
    const seqs = Array.from({ length: ROWS }, (_, i) => stats.lastSeq - ROWS + 1 + i);
    const times: number[] = [];
    let shown = 0;
    let named = 0;
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const previews = await call('payload.previews', { connectionId, seqs });
      times.push(performance.now() - t0);
      shown = previews.filter((p) => p.sparkplug?.count === METRICS).length;
      named = previews.filter((p) => p.sparkplug?.unknownAliases === 0).length;
    }
    const { best, median } = bestAndMedian(times);
    console.log(
      `D1 decode 500 rows  best ${best.toFixed(1)} ms, median ${median.toFixed(1)} ms of ${RUNS} ` +
        `(payload.previews of ${ROWS} Sparkplug DDATA x ${METRICS} metrics, aliases from the DBIRTH; ` +
        `${shown} rows decoded, ${named} with every name); ${judge('decode-500', median)}`,
    );
    // The codec alone, for where the time goes.
    const aliases = birthAliases(messages[1]?.payload ?? new Uint8Array());
    const rows = messages.slice(2).map((m) => m.payload);
    const codec: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      for (const bytes of rows) decodeSparkplug(bytes, aliases);
      codec.push(performance.now() - t0);
    }
    const alone = bestAndMedian(codec);
    console.log(
      `  decodeSparkplug alone over the same rows: best ${alone.best.toFixed(1)} ms, median ${alone.median.toFixed(1)} ms`,
    );
  } finally {
    await engine.dispose();
  }
}

/**
 * D2's reader: with a Sparkplug binding on `#`, every poll also asks the previews of the newest
 * screenful of rows, as the message list does. Returns a stop function.
 */
export async function withSparkplugBinding(
  call: EngineCall,
  connectionId: string,
): Promise<() => Promise<string>> {
  await call('payloadFormats.save', {
    topicSchemas: [],
    codecBindings: [{ pattern: '#', codec: 'sparkplugb' }],
    protoFiles: [],
  });
  let stopped = false;
  let asks = 0;
  const loop = (async () => {
    while (!stopped) {
      const { stats } = await call('stream.poll', { connectionId, maxTopics: 1, maxTail: 1 });
      const from = Math.max(stats.firstSeq, stats.lastSeq - SCREEN_ROWS + 1);
      const seqs =
        stats.lastSeq >= from ? Array.from({ length: stats.lastSeq - from + 1 }, (_, i) => from + i) : [];
      if (seqs.length > 0) {
        await call('payload.previews', { connectionId, seqs });
        asks++;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return `Sparkplug B bound to #, ${asks} preview requests of ${SCREEN_ROWS} rows while it ran`;
  };
}
