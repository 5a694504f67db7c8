/** Shared subscriptions: each message to one member of the group. */
import { text } from '../text/keys';
import type { CheckDef } from './check-def';
import { conforms, CouldNotRun, differs } from './context';
import { fence } from './helpers';
import { Probe } from './probe';

const MESSAGES = 6;

export const sharedSubscriptionChecks: CheckDef[] = [
  {
    id: 'shared-subscriptions.load-split',
    group: 'shared-subscriptions',
    specRef: 'MQTT 5 §4.8.2',
    statement:
      'Each message to a shared subscription goes to exactly one member of the group; the load is split between members.',
    v5: true,
    unsupported: (c) =>
      c['sharedSubscriptionAvailable'] === false
        ? 'The CONNACK says shared subscriptions are not available.'
        : null,
    async run(ctx) {
      const topic = ctx.topic();
      const filter = `$share/g${ctx.run.runId}/${topic}`;
      const [pub, a, b] = await Promise.all([
        Probe.open(ctx, { label: 'publisher' }),
        Probe.open(ctx, { label: 'member-a' }),
        Probe.open(ctx, { label: 'member-b' }),
      ]);
      const codes = [...(await a.subscribe(filter, { qos: 1 })), ...(await b.subscribe(filter, { qos: 1 }))];
      if (codes.some((c) => c >= 0x80))
        return differs(text('check.shared.refused', { codes: codes.map(String).join(', ') }));
      const count = MESSAGES;
      for (let i = 0; i < count; i++) await pub.publish(topic, `s${i}`, { qos: 1 });
      await a.until(() => a.on(topic).length + b.on(topic).length >= count);
      if (!(await fence(ctx, pub, a)) || !(await fence(ctx, pub, b, 'fence-b')))
        throw new CouldNotRun('A fence never arrived.');
      const got = [...a.on(topic), ...b.on(topic)].map((m) => m.payload.toString());
      const unique = new Set(got);
      const split = `${a.on(topic).length}/${b.on(topic).length}`;
      if (got.length > unique.size)
        return differs(text('check.shared.moreThanOne', { split, count: got.length, total: count }));
      if (unique.size < count)
        return differs(text('check.shared.missing', { count: unique.size, total: count, split }));
      return conforms(text('check.shared.eachOnce', { total: count, split }));
    },
  },
];
