/** Basic delivery at each QoS, and exactly once for QoS 2. */
import type { Qos as QoS } from '../../contract';
import { text } from '../text/keys';
import type { CheckDef } from './check-def';
import { conforms, differs, type CheckContext } from './context';
import { Probe, reasonParams } from './probe';

/** `{{name}}` as the listed items, or the `check.none` key when there are none. */
function listOrNone(name: string, items: string[]): Record<string, string> {
  return items.length ? { [name]: items.join(', ') } : { [`${name}Key`]: 'check.none' };
}

/** How long a check listens for a duplicate after the first copy arrived. */
const DUPLICATE_WINDOW_MS = 600;

async function pair(ctx: CheckContext): Promise<{ pub: Probe; sub: Probe }> {
  const [pub, sub] = await Promise.all([
    Probe.open(ctx, { label: 'publisher' }),
    Probe.open(ctx, { label: 'subscriber' }),
  ]);
  return { pub, sub };
}

function deliveryCheck(qos: QoS): CheckDef {
  const flows = ['no acknowledgement', 'PUBLISH → PUBACK', 'PUBLISH → PUBREC → PUBREL → PUBCOMP'];
  return {
    id: `delivery.qos${qos}`,
    group: 'delivery',
    specRef: `MQTT 5 §4.3.${qos + 1}; MQTT 3.1.1 §4.3.${qos + 1}`,
    statement: `A QoS ${qos} PUBLISH (${flows[qos]}) reaches a subscriber that subscribed at QoS ${qos}.`,
    async run(ctx) {
      const { pub, sub } = await pair(ctx);
      const topic = ctx.topic();
      await sub.subscribe(topic, { qos });
      const sentAt = performance.now();
      const code = await pub.publish(topic, `qos${qos}`, { qos });
      if (code >= 0x80) return differs(text('check.delivery.publishRefused', reasonParams(code)));
      const [got] = await sub.receive(topic);
      if (!got) return differs(text('check.delivery.nothingArrived', { qos }));
      ctx.timing('publish → delivery', got.at - sentAt);
      if (got.packet.qos !== qos)
        return differs(text('check.delivery.wrongQos', { got: got.packet.qos, qos }));
      return conforms(text('check.delivery.deliveredOnce', { qos }));
    },
  };
}

export const deliveryChecks: CheckDef[] = [
  deliveryCheck(0),
  deliveryCheck(1),
  deliveryCheck(2),
  {
    id: 'delivery.qos2-exactly-once',
    group: 'delivery',
    specRef: 'MQTT 5 §4.3.3; MQTT 3.1.1 §4.3.3',
    statement:
      'QoS 2 delivers each message exactly once: 5 QoS 2 messages arrive as 5 messages, no duplicates.',
    async run(ctx) {
      const { pub, sub } = await pair(ctx);
      const topic = ctx.topic();
      await sub.subscribe(topic, { qos: 2 });
      for (let i = 0; i < 5; i++) await pub.publish(topic, `m${i}`, { qos: 2 });
      await sub.receive(topic, 5);
      // A duplicate would come right behind: watch a little longer.
      await sub.until(() => sub.on(topic).length > 5, DUPLICATE_WINDOW_MS);
      const payloads = sub.on(topic).map((m) => m.payload.toString());
      const counts = new Map<string, number>();
      for (const p of payloads) counts.set(p, (counts.get(p) ?? 0) + 1);
      const missing = [0, 1, 2, 3, 4].filter((i) => !counts.has(`m${i}`));
      const doubled = [...counts].filter(([, n]) => n > 1).map(([p]) => p);
      if (missing.length || doubled.length) {
        return differs(
          text('check.delivery.exactlyOnceBroken', {
            count: payloads.length,
            ...listOrNone(
              'missing',
              missing.map((i) => `m${i}`),
            ),
            ...listOrNone('doubled', doubled),
          }),
        );
      }
      if (sub.on(topic).some((m) => m.packet.qos !== 2)) return differs(text('check.delivery.belowQos2'));
      return conforms(text('check.delivery.exactlyOnce'));
    },
  },
  {
    id: 'delivery.qos-downgrade',
    group: 'delivery',
    specRef: 'MQTT 5 §3.8.4; MQTT 3.1.1 §3.8.4',
    statement:
      'A message is delivered at the lower of its own QoS and the subscription’s granted QoS (QoS 2 to a QoS 0 subscription arrives as QoS 0).',
    async run(ctx) {
      const { pub, sub } = await pair(ctx);
      const topic = ctx.topic();
      await sub.subscribe(topic, { qos: 0 });
      await pub.publish(topic, 'down', { qos: 2 });
      const [got] = await sub.receive(topic);
      if (!got) return differs(text('check.delivery.nothing'));
      return got.packet.qos === 0
        ? conforms(text('check.delivery.downgraded'))
        : differs(text('check.delivery.notDowngraded', { qos: got.packet.qos }));
    },
  },
];
