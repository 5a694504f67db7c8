import { DEFAULT_STREAM_LIMITS, type ReceivedMessage } from '../electron/contract';
import { MessageStream } from '../electron/engine/stream/message-stream';
import { perSecond } from './bench-support';

/** The engine's own cost, without a socket: how far above the wire rate ingest can go. */
export function ingestOnly(): void {
  const stream = new MessageStream('bench', DEFAULT_STREAM_LIMITS);
  const count = 1_000_000;
  const batch: ReceivedMessage[] = [];
  const payload = new TextEncoder().encode(
    JSON.stringify({ n: 0, t: 0, v: 21.5, unit: 'C', pad: 'x'.repeat(50) }),
  );
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    batch.push({
      topic: `ing/${i % 10_000}`,
      payload: payload.slice(),
      qos: 0,
      retain: false,
      receivedAt: Date.now(),
    });
    if (batch.length === 1000) stream.ingest(batch.splice(0));
  }
  const ms = performance.now() - started;
  console.log(
    `  engine alone       ${perSecond(count / (ms / 1000))}  (1,000,000 synthetic messages into log + index, no socket)`,
  );
}
