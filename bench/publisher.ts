/**
 * The benchmark's load: one mqtt.js publisher in its own process (so it does not share an
 * event loop with the subscriber being measured), QoS 0, 100-byte JSON payloads over
 * `topics` distinct topics, as fast as the socket takes them, or paced to `rate` msg/s.
 * Prints one JSON line when done: { sent, ms }.
 */
import mqtt from 'mqtt';

interface Args {
  url: string;
  username: string;
  password: string;
  count: number;
  topics: number;
  prefix: string;
  /** Messages per second; 0 for as fast as possible. */
  rate: number;
  /** Payload size for the flood levels; 0 for the 100-byte JSON. */
  payloadBytes: number;
  /** Stop after this many seconds even before `count` (0: no time limit). */
  seconds: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;

function payload(n: number): string {
  // 100 bytes of JSON, with the send time for latency measurements.
  const base = JSON.stringify({ n, t: Date.now(), v: 21.5, unit: 'C', pad: '' });
  return base.replace('"pad":""', `"pad":"${'x'.repeat(Math.max(0, 100 - base.length))}"`);
}

// One buffer, sent again and again: the publisher must not be what runs out of memory.
const large = args.payloadBytes > 0 ? Buffer.alloc(args.payloadBytes, 0x61) : null;

const client = mqtt.connect(args.url, {
  username: args.username,
  password: args.password,
  protocolVersion: 5,
  reconnectPeriod: 0,
});

client.on('error', (error) => {
  console.error(`publisher: ${error.message}`);
  process.exit(1);
});

client.on('connect', () => {
  const started = Date.now();
  let n = 0;
  const chunk = large ? 1 : 500;
  const pump = () => {
    const until = Math.min(args.count, n + chunk);
    for (; n < until; n++)
      client.publish(`${args.prefix}/${n % args.topics}`, large ?? payload(n), { qos: 0 });
    if (n >= args.count || (args.seconds > 0 && Date.now() - started >= args.seconds * 1000)) {
      client.end(false, () => {
        console.log(JSON.stringify({ sent: n, ms: Date.now() - started }));
        process.exit(0);
      });
      return;
    }
    if (args.rate > 0) {
      const due = started + (n / args.rate) * 1000;
      setTimeout(pump, Math.max(0, due - Date.now()));
    } else if (client.stream.writableNeedDrain) {
      client.stream.once('drain', pump);
    } else {
      setImmediate(pump);
    }
  };
  pump();
});
