/** Retained messages: set, replaced, cleared, delivered on subscribe; MQTT 5 retain options. */
import { text } from '../text/keys';
import { capability, type CheckDef } from './check-def';
import { conforms, CouldNotRun, differs, type CheckContext } from './context';
import { clearRetainedAfter, fence, retainedOnSubscribe } from './helpers';
import { Probe } from './probe';

const noRetain = capability('retainAvailable', 'the broker does not support retained messages');

async function setRetained(ctx: CheckContext, topic: string, payloads: string[]): Promise<Probe> {
  clearRetainedAfter(ctx, [topic]);
  const pub = await Probe.open(ctx, { label: 'publisher' });
  for (const payload of payloads) await pub.publish(topic, payload, { qos: 1, retain: true });
  return pub;
}

/** Retained copies expected on the first subscribe and on the same subscribe repeated. */
const RETAIN_HANDLING: { rh: 0 | 1 | 2; statement: string; expected: [number, number] }[] = [
  {
    rh: 0,
    statement: 'Retain Handling 0: retained messages are sent on every subscribe, repeated ones included.',
    expected: [1, 1],
  },
  {
    rh: 1,
    statement:
      'Retain Handling 1: retained messages are sent only when the subscription did not exist before.',
    expected: [1, 0],
  },
  { rh: 2, statement: 'Retain Handling 2: retained messages are never sent on subscribe.', expected: [0, 0] },
];

function unfenced(): never {
  throw new CouldNotRun('The fence message never arrived, so absence could not be shown.');
}

export const retainedChecks: CheckDef[] = [
  {
    id: 'retained.delivered-on-subscribe',
    group: 'retained',
    specRef: 'MQTT 5 §3.3.1.3; MQTT 3.1.1 §3.3.1.3',
    statement: 'A retained message is stored and sent, with RETAIN set, to a client that subscribes later.',
    unsupported: noRetain,
    async run(ctx) {
      const topic = ctx.topic();
      await setRetained(ctx, topic, ['first']);
      const sub = await Probe.open(ctx, { label: 'subscriber' });
      await sub.subscribe(topic, { qos: 1 });
      const [got] = await sub.receive(topic);
      if (!got) return differs(text('check.retained.noneDelivered'));
      if (!got.packet.retain) return differs(text('check.retained.noRetainFlag'));
      return conforms(text('check.retained.delivered'));
    },
  },
  {
    id: 'retained.replaced',
    group: 'retained',
    specRef: 'MQTT 5 §3.3.1.3; MQTT 3.1.1 §3.3.1.3',
    statement: 'A new retained message on a topic replaces the one stored before it.',
    unsupported: noRetain,
    async run(ctx) {
      const topic = ctx.topic();
      await setRetained(ctx, topic, ['old', 'new']);
      const { retained, fenced } = await retainedOnSubscribe(ctx, topic, 'subscriber');
      if (!fenced) unfenced();
      if (retained.length === 1 && retained[0] === 'new') return conforms(text('check.retained.onlyNewer'));
      return differs(text('check.retained.gotInsteadOfNew', { payloads: retained.join(', ') }));
    },
  },
  {
    id: 'retained.cleared-by-empty-payload',
    group: 'retained',
    specRef: 'MQTT 5 §3.3.1.3; MQTT 3.1.1 §3.3.1.3',
    statement:
      'A retained PUBLISH with an empty payload removes the retained message: later subscribers get nothing.',
    unsupported: noRetain,
    async run(ctx) {
      const topic = ctx.topic();
      await setRetained(ctx, topic, ['kept', '']);
      const { retained, fenced } = await retainedOnSubscribe(ctx, topic, 'subscriber');
      if (!fenced) unfenced();
      return retained.length === 0
        ? conforms(text('check.retained.cleared'))
        : differs(text('check.retained.stillGot', { payloads: retained.join(', ') }));
    },
  },
  ...RETAIN_HANDLING.map(({ rh, statement, expected }): CheckDef => ({
    id: `retained.retain-handling-${rh}`,
    group: 'retained',
    specRef: 'MQTT 5 §3.8.3.1',
    statement,
    v5: true,
    unsupported: noRetain,
    async run(ctx) {
      const topic = ctx.topic();
      await setRetained(ctx, topic, ['kept']);
      const sub = await Probe.open(ctx, { label: 'subscriber' });
      await sub.subscribe(topic, { qos: 1, rh });
      if (!(await fence(ctx, sub, sub, 'fence1'))) unfenced();
      const first = sub.on(topic).length;
      await sub.subscribe(topic, { qos: 1, rh });
      if (!(await fence(ctx, sub, sub, 'fence2'))) unfenced();
      const second = sub.on(topic).length - first;
      return first === expected[0] && second === expected[1]
        ? conforms(text('check.retained.handlingAsSpecified', { first, second }))
        : differs(
            text('check.retained.handlingExpected', {
              wantFirst: expected[0],
              wantSecond: expected[1],
              first,
              second,
            }),
          );
    },
  })),
  {
    id: 'retained.retain-as-published',
    group: 'retained',
    specRef: 'MQTT 5 §3.8.3.1, §3.3.1.3',
    statement:
      'A live retained message is forwarded with RETAIN 0 to a subscription without Retain As Published, and with RETAIN 1 to one with it.',
    v5: true,
    unsupported: noRetain,
    async run(ctx) {
      const topic = ctx.topic();
      clearRetainedAfter(ctx, [topic]);
      const [pub, plain, rap] = await Promise.all([
        Probe.open(ctx, { label: 'publisher' }),
        Probe.open(ctx, { label: 'sub-rap0' }),
        Probe.open(ctx, { label: 'sub-rap1' }),
      ]);
      await plain.subscribe(topic, { qos: 1, rap: false });
      await rap.subscribe(topic, { qos: 1, rap: true });
      await pub.publish(topic, 'live', { qos: 1, retain: true });
      const [a] = await plain.receive(topic);
      const [b] = await rap.receive(topic);
      if (!a || !b)
        return differs(
          text('check.retained.rapDeliveryFailed', {
            plainKey: a ? 'check.retained.gotIt' : 'check.retained.gotNothing',
            rapKey: b ? 'check.retained.gotIt' : 'check.retained.gotNothing',
          }),
        );
      const said = { plain: a.packet.retain ? 1 : 0, rap: b.packet.retain ? 1 : 0 };
      return !a.packet.retain && b.packet.retain
        ? conforms(text('check.retained.rap', said))
        : differs(text('check.retained.rapDiffers', said));
    },
  },
];
