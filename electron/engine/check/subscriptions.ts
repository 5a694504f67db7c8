/** Subscriptions: overlapping filters, No Local, identifiers, unsubscribe. */
import type { TextParams } from '../../contract';
import { hexCode, reasonNameKey } from '../errors';
import { text } from '../text/keys';
import { capability, type CheckDef } from './check-def';
import { conforms, CouldNotRun, differs } from './context';
import { fence } from './helpers';
import { Probe, reasonParams } from './probe';

function unfenced(): never {
  throw new CouldNotRun('The fence message never arrived, so absence could not be shown.');
}

export const subscriptionChecks: CheckDef[] = [
  {
    id: 'subscriptions.overlapping',
    group: 'subscriptions',
    specRef: 'MQTT 5 §3.3.4; MQTT 3.1.1 §3.3.5',
    statement:
      'When two of a client’s subscriptions match a message, it is delivered once at the highest granted QoS, or (MQTT 5) once per subscription, each at that subscription’s QoS.',
    async run(ctx) {
      const topic = ctx.topic('a/b');
      const [pub, sub] = await Promise.all([
        Probe.open(ctx, { label: 'publisher' }),
        Probe.open(ctx, { label: 'subscriber' }),
      ]);
      await sub.subscribe(ctx.topic('a/#'), { qos: 0 });
      await sub.subscribe(ctx.topic('a/+'), { qos: 1 });
      await pub.publish(topic, 'both', { qos: 1 });
      await sub.receive(topic);
      if (!(await fence(ctx, pub, sub))) unfenced();
      const qos = sub
        .on(topic)
        .map((m) => m.packet.qos)
        .sort();
      if (qos.length === 1) {
        return qos[0] === 1
          ? conforms(text('check.subscriptions.higherQos'))
          : differs(text('check.subscriptions.lowerQos', { qos: String(qos[0]) }));
      }
      if (qos.length === 2 && qos[0] === 0 && qos[1] === 1) {
        return conforms(text('check.subscriptions.twoCopies'));
      }
      return differs(text('check.subscriptions.copies', { count: qos.length, qos: qos.join(', ') }));
    },
  },
  {
    id: 'subscriptions.no-local',
    group: 'subscriptions',
    specRef: 'MQTT 5 §3.8.3.1',
    statement: 'With No Local set, the broker does not send a client its own messages.',
    v5: true,
    async run(ctx) {
      const topic = ctx.topic();
      const [pub, self] = await Promise.all([
        Probe.open(ctx, { label: 'publisher' }),
        Probe.open(ctx, { label: 'self' }),
      ]);
      await self.subscribe(topic, { qos: 1, nl: true });
      await self.publish(topic, 'own', { qos: 1 });
      await pub.publish(topic, 'other', { qos: 1 });
      await self.receive(topic);
      if (!(await fence(ctx, pub, self))) unfenced();
      const got = self.on(topic).map((m) => m.payload.toString());
      if (got.includes('own')) return differs(text('check.subscriptions.ownBack'));
      if (!got.includes('other')) return differs(text('check.subscriptions.otherMissing'));
      return conforms(text('check.subscriptions.onlyOther'));
    },
  },
  {
    id: 'subscriptions.identifiers',
    group: 'subscriptions',
    specRef: 'MQTT 5 §3.3.2.3.8, §3.8.2.1.2',
    statement: 'A message matched by a subscription with an identifier carries that Subscription Identifier.',
    v5: true,
    unsupported: capability('subscriptionIdentifiersAvailable', 'subscription identifiers are not available'),
    async run(ctx) {
      const topic = ctx.topic();
      const [pub, sub] = await Promise.all([
        Probe.open(ctx, { label: 'publisher' }),
        Probe.open(ctx, { label: 'subscriber' }),
      ]);
      await sub.subscribe(topic, { qos: 1, properties: { subscriptionIdentifier: 42 } });
      await pub.publish(topic, 'id', { qos: 1 });
      const [got] = await sub.receive(topic);
      if (!got) return differs(text('check.subscriptions.nothing'));
      const ids = got.packet.properties?.subscriptionIdentifier;
      const list = ids === undefined ? [] : Array.isArray(ids) ? ids : [ids];
      return list.includes(42)
        ? conforms(text('check.subscriptions.carried42'))
        : differs(
            list.length
              ? text('check.subscriptions.carriedOther', { ids: list.join(', ') })
              : text('check.subscriptions.carriedNone'),
          );
    },
  },
  {
    id: 'subscriptions.identifiers-overlapping',
    group: 'subscriptions',
    specRef: 'MQTT 5 §3.3.4 [MQTT-3.3.4-4], [MQTT-3.3.4-5]',
    statement:
      'When two subscriptions with identifiers 2 and 3 match a message, a single copy carries both identifiers, or each copy carries its own.',
    v5: true,
    unsupported: capability('subscriptionIdentifiersAvailable', 'subscription identifiers are not available'),
    async run(ctx) {
      const topic = ctx.topic('x/y');
      const [pub, sub] = await Promise.all([
        Probe.open(ctx, { label: 'publisher' }),
        Probe.open(ctx, { label: 'subscriber' }),
      ]);
      await sub.subscribe(topic, { qos: 1, properties: { subscriptionIdentifier: 2 } });
      await sub.subscribe(ctx.topic('x/+'), { qos: 1, properties: { subscriptionIdentifier: 3 } });
      await pub.publish(topic, 'both', { qos: 1 });
      await sub.receive(topic);
      if (!(await fence(ctx, pub, sub))) unfenced();
      const copies = sub.on(topic).map((m) => {
        const ids = m.packet.properties?.subscriptionIdentifier;
        return (ids === undefined ? [] : Array.isArray(ids) ? ids : [ids]).sort();
      });
      const said = copies.map((ids) => `[${ids.join(', ')}]`).join(', ');
      if (copies.length === 1 && copies[0]?.join() === '2,3')
        return conforms(text('check.subscriptions.oneCopyBoth'));
      const sorted = copies.map((ids) => ids.join()).sort();
      if (copies.length === 2 && sorted[0] === '2' && sorted[1] === '3') {
        return conforms(text('check.subscriptions.twoCopiesIds'));
      }
      const ids: TextParams = said ? { ids: said } : { idsKey: 'check.subscriptions.noIds' };
      return differs(
        copies.length === 1
          ? text('check.subscriptions.copyIds', ids)
          : text('check.subscriptions.copiesIds', { count: copies.length, ...ids }),
      );
    },
  },
  {
    id: 'subscriptions.refused-with-reason',
    group: 'subscriptions',
    specRef: 'MQTT 5 §3.9.3, §3.2.2.3.11, §3.2.2.3.12',
    statement:
      'A subscription the broker cannot grant is refused in the SUBACK with the matching reason code: 0x9E for a shared subscription when the CONNACK says they are not available, 0xA2 for a wildcard when wildcards are not.',
    v5: true,
    unsupported: (c) =>
      c['sharedSubscriptionAvailable'] === false || c['wildcardSubscriptionAvailable'] === false
        ? null
        : 'The CONNACK announces no unavailable subscription feature, so there is no refusal to provoke.',
    async run(ctx) {
      const sub = await Probe.open(ctx, { label: 'subscriber' });
      const shared = ctx.run.connackProperties['sharedSubscriptionAvailable'] === false;
      const filter = shared ? `$share/g${ctx.run.runId}/${ctx.topic()}` : ctx.topic('#');
      const want = shared ? 0x9e : 0xa2;
      const [code] = await sub.subscribe(filter, { qos: 1 });
      const whatKey = shared ? 'check.subscriptions.sharedSub' : 'check.subscriptions.wildcardSub';
      if (code === want)
        return conforms(text('check.subscriptions.refusedAsExpected', { whatKey, ...reasonParams(code) }));
      if (code !== undefined && code >= 0x80) {
        return differs(
          text('check.subscriptions.refusedOther', {
            whatKey,
            ...reasonParams(code),
            wantKey: reasonNameKey(want),
            wantHex: hexCode(want),
          }),
        );
      }
      return differs(text('check.subscriptions.granted', { whatKey, qos: String(code) }));
    },
  },
  {
    id: 'subscriptions.unsubscribe',
    group: 'subscriptions',
    specRef: 'MQTT 5 §3.10.4; MQTT 3.1.1 §3.10.4',
    statement: 'After UNSUBSCRIBE is acknowledged, the broker stops sending messages for that filter.',
    async run(ctx) {
      const topic = ctx.topic();
      const [pub, sub] = await Promise.all([
        Probe.open(ctx, { label: 'publisher' }),
        Probe.open(ctx, { label: 'subscriber' }),
      ]);
      await sub.subscribe(topic, { qos: 1 });
      await pub.publish(topic, 'before', { qos: 1 });
      await sub.receive(topic);
      await sub.unsubscribe(topic);
      await pub.publish(topic, 'after', { qos: 1 });
      if (!(await fence(ctx, pub, sub))) unfenced();
      const got = sub.on(topic).map((m) => m.payload.toString());
      if (!got.includes('before')) return differs(text('check.subscriptions.beforeMissing'));
      return got.includes('after')
        ? differs(text('check.subscriptions.afterArrived'))
        : conforms(text('check.subscriptions.nothingAfter'));
    },
  },
];
