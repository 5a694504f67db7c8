/** Steps several checks share: fences for "nothing arrived", retained cleanup, session ending. */
import type { IClientSubscribeOptions } from 'mqtt';
import type { CheckContext } from './context';
import { Probe } from './probe';

/** After the fence message arrived, how long to keep listening for something that should not come. */
const FENCE_GRACE_MS = 300;

/**
 * Proves a negative without a long sleep: `sender` publishes a marker on `<topic>/fence`
 * (which `listener` subscribes to first); the broker handles a client's packets in order, so
 * once the marker is in, anything sent before it that was going to arrive has arrived.
 * Returns whether the fence itself came through (if not, the check cannot conclude).
 */
export async function fence(
  ctx: CheckContext,
  sender: Probe,
  listener: Probe,
  name = 'fence',
): Promise<boolean> {
  const topic = ctx.topic(name);
  if (!listener.on(topic).length) await listener.subscribe(topic, { qos: 1 });
  const before = listener.on(topic).length;
  await sender.publish(topic, 'fence', { qos: 1 });
  await listener.until(() => listener.on(topic).length > before);
  const arrived = listener.on(topic).length > before;
  if (arrived) await listener.until(() => false, FENCE_GRACE_MS);
  return arrived;
}

/** Subscribes a fresh client, waits for retained copies behind a fence, and returns them. */
export async function retainedOnSubscribe(
  ctx: CheckContext,
  topic: string,
  label: string,
  options: IClientSubscribeOptions = { qos: 1 },
): Promise<{ probe: Probe; retained: string[]; fenced: boolean }> {
  const probe = await Probe.open(ctx, { label });
  await probe.subscribe(topic, options);
  const fenced = await fence(ctx, probe, probe, `fence-${label}`);
  return {
    probe,
    retained: probe.on(topic).map((m) => m.payload.toString()),
    fenced,
  };
}

/** Registers the cleanup that clears a retained message this check set (an empty retained PUBLISH). */
export function clearRetainedAfter(ctx: CheckContext, topics: string[]): void {
  ctx.onCleanup(async () => {
    const cleaner = await Probe.open(ctx, { label: 'cleaner' });
    for (const topic of topics) await cleaner.publish(topic, '', { qos: 1, retain: true });
    await cleaner.end();
  });
}

/**
 * Registers the cleanup that ends a persistent session: connect with clean start and
 * (MQTT 5) session expiry 0, then DISCONNECT, so the broker keeps nothing.
 */
export function endSessionAfter(ctx: CheckContext, clientId: string): void {
  ctx.onCleanup(async () => {
    const ender = await Probe.open(ctx, {
      label: 'session-ender',
      clientId,
      clean: true,
      properties: { sessionExpiryInterval: 0 },
    });
    await ender.end();
  });
}
