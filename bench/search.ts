/**
 * Payload search levels (issue 11, Performance):
 *
 *   P1  "payload contains" (and a regex) over 100,000 kept messages of ~200 bytes (~20 MB),
 *       through `messages.search` as the renderer sends it: target < 500 ms. One payload
 *       holds the searched word, so the answer is checked too.
 *   P2  L2 ingest while searches over the 100,000 kept messages run back to back: >= 0.8 x L1.
 */
import mqtt from 'mqtt';
import type { BrokerAddress } from './bench-support';
import { bestAndMedian, subscribedEngine, waitForKept, type EngineCall } from './engine-call';
import { judge } from './targets';

const KEPT = 100_000;
const RUNS = 7;
const NEEDLE = 'flux-capacitor';

/** ~200 bytes of JSON telemetry, different in every message. */
function payload(n: number): string {
  return JSON.stringify({
    device: `press-${n % 500}`,
    seq: n,
    ts: 1_764_780_000_000 + n * 10,
    temperature: 20 + (n % 170) / 10,
    pressure: 1000 + (n % 61),
    state: ['running', 'idle', 'warming', 'fault'][n % 4],
    operator: `op-${(n * 7919) % 1000}`,
    note: 'line 7 shift B nominal reading within tolerance',
  });
}

/**
 * `count` messages under `prefix/` through the broker, the last one with the needle (QoS 1,
 * so it always arrives). Paced by the socket; QoS 0 for the rest, as telemetry goes.
 */
export async function fillLog(broker: BrokerAddress, prefix: string, count: number): Promise<number> {
  const client = await mqtt.connectAsync(`mqtt://${broker.host}:${broker.ports.mqtt}`, {
    username: broker.username,
    password: broker.password,
    protocolVersion: 5,
  });
  let bytes = 0;
  for (let n = 0; n < count - 1; n++) {
    const text = payload(n);
    bytes += text.length;
    client.publish(`${prefix}/press/${n % 500}`, text, { qos: 0 });
    if (client.stream.writableNeedDrain) await new Promise((r) => client.stream.once('drain', r));
    // Let the subscriber in this process read as it goes: Mosquitto drops QoS 0 for a reader far behind.
    if (n % 500 === 0) await new Promise((r) => setTimeout(r, 5));
  }
  const last = JSON.stringify({ device: 'press-7', note: `replaced the ${NEEDLE} on line 7` });
  await client.publishAsync(`${prefix}/press/7`, last, { qos: 1 });
  await client.endAsync();
  return bytes + last.length;
}

async function timedSearch(
  call: EngineCall,
  connectionId: string,
  searchId: string,
  text: string,
  mode: 'contains' | 'regex',
) {
  const t0 = performance.now();
  const answer = await call('messages.search', {
    connectionId,
    searchId,
    afterSeq: 0,
    payload: { text, mode, caseSensitive: false },
  });
  return { ms: performance.now() - t0, answer };
}

/** P1: searches over a full log of 100,000 kept messages. */
export async function runSearch(broker: BrokerAddress): Promise<void> {
  const { engine, call, connectionId } = await subscribedEngine(broker, 'srch/#');
  try {
    const bytes = await fillLog(broker, 'srch', KEPT);
    const stats = await waitForKept(call, connectionId, KEPT, 60_000);
    const contains: number[] = [];
    const regex: number[] = [];
    let found = '';
    for (let run = 0; run < RUNS; run++) {
      const c = await timedSearch(call, connectionId, `c${run}`, NEEDLE.toUpperCase(), 'contains');
      contains.push(c.ms);
      const r = await timedSearch(call, connectionId, `r${run}`, 'flux-cap\\w+ on line \\d', 'regex');
      regex.push(r.ms);
      found = `${c.answer.seqs.length} and ${r.answer.seqs.length} match of ${c.answer.scanned.toLocaleString('en-US')} scanned`;
    }
    const c = bestAndMedian(contains);
    const r = bestAndMedian(regex);
    console.log(
      `P1 payload search   contains: best ${c.best.toFixed(0)} ms, median ${c.median.toFixed(0)} ms; regex: best ${r.best.toFixed(0)} ms, median ${r.median.toFixed(0)} ms ` +
        `(${RUNS} runs over ${stats.count.toLocaleString('en-US')} kept messages, ${(bytes / 1e6).toFixed(1)} MB of payload; ${found}); ` +
        judge('search-100k', Math.max(c.median, r.median)),
    );
  } finally {
    await engine.dispose();
  }
}

/**
 * P2's work beside L2: the log first filled with 100,000 messages, then "payload contains"
 * searches for a word no payload holds (each a full scan), back to back until stopped.
 */
export function searchesAlongside(broker: BrokerAddress, prefix: string) {
  return async (call: EngineCall, connectionId: string): Promise<() => Promise<string>> => {
    await fillLog(broker, `${prefix}/kept`, KEPT);
    await waitForKept(call, connectionId, KEPT, 60_000);
    let stopped = false;
    let searches = 0;
    let scanned = 0;
    const loop = (async () => {
      while (!stopped) {
        const { answer } = await timedSearch(
          call,
          connectionId,
          `p2-${searches}`,
          'no-such-word',
          'contains',
        );
        searches++;
        scanned += answer.scanned;
      }
    })();
    return async () => {
      stopped = true;
      await loop;
      return `${searches} payload searches (${scanned.toLocaleString('en-US')} messages scanned) ran during it`;
    };
  };
}
