/**
 * The other side of the echo responder level (bench/scripts.ts), in a process of its own
 * like a real requester: MQTT 5 requests at a paced rate, each with a response topic and
 * correlation data, and the time until its answer. Prints one JSON line when done.
 */
import mqtt from 'mqtt';

interface Args {
  url: string;
  username: string;
  password: string;
  rate: number;
  seconds: number;
  waitMs: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const client = await mqtt.connectAsync(args.url, {
  username: args.username,
  password: args.password,
  protocolVersion: 5,
});
await client.subscribeAsync('bench/res', { qos: 0 });
const sentAt = new Map<string, number>();
const latencies: number[] = [];
client.on('message', (_topic, _payload, packet) => {
  const at = sentAt.get(packet.properties?.correlationData?.toString() ?? '');
  if (at !== undefined) latencies.push(performance.now() - at);
});
const total = args.rate * args.seconds;
const begin = performance.now();
let sent = 0;
// Paced in 10 ms slices: the target rate, not a burst.
while (sent < total) {
  const due = Math.min(total, Math.floor(((performance.now() - begin) / 1000) * args.rate) + 1);
  for (; sent < due; sent++) {
    const key = String(sent);
    sentAt.set(key, performance.now());
    client.publish(`bench/req/${sent % 10}`, key, {
      properties: { responseTopic: 'bench/res', correlationData: Buffer.from(key) },
    });
  }
  await new Promise((r) => setTimeout(r, 10));
}
const until = Date.now() + args.waitMs;
while (latencies.length < total && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
await client.endAsync();
process.stdout.write(`${JSON.stringify({ total, latencies })}\n`);
