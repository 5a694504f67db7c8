/** Sessions: offline queueing, redelivery of unacknowledged messages, session expiry. */
import type { CheckDef } from './check-def';
import { text } from '../text/keys';
import { conforms, delay, differs, tenths, type CheckContext } from './context';
import { endSessionAfter } from './helpers';
import { Probe, type ProbeOptions } from './probe';

const SESSION_EXPIRY_S = 60;
/** Short enough to wait for, long enough to tell from "ended at once". */
const SHORT_EXPIRY_S = 1;

/** A persistent session: clean start 0 (clean session 0 in 3.1.1), MQTT 5 session expiry. */
function persistent(clientId: string, label: string, expiry = SESSION_EXPIRY_S): ProbeOptions {
  return { label, clientId, clean: false, properties: { sessionExpiryInterval: expiry } };
}

async function leaveSubscribed(ctx: CheckContext, topic: string, expiry = SESSION_EXPIRY_S): Promise<string> {
  const clientId = ctx.clientId('sess');
  endSessionAfter(ctx, clientId);
  const first = await Probe.open(ctx, persistent(clientId, 'subscriber', expiry));
  await first.subscribe(topic, { qos: 1 });
  await first.end();
  return clientId;
}

export const sessionChecks: CheckDef[] = [
  {
    id: 'sessions.offline-queueing',
    group: 'sessions',
    specRef: 'MQTT 5 §3.1.2.4, §4.1; MQTT 3.1.1 §3.1.2.4, §4.1',
    statement:
      'QoS 1 and QoS 2 messages published while a persistent session’s client is away are kept and delivered when it comes back (Session Present 1).',
    async run(ctx) {
      const topic = ctx.topic();
      const clientId = await leaveSubscribed(ctx, topic);
      const pub = await Probe.open(ctx, { label: 'publisher' });
      await pub.publish(topic, 'q1', { qos: 1 });
      await pub.publish(topic, 'q2', { qos: 2 });
      const back = await Probe.open(ctx, persistent(clientId, 'subscriber-again'));
      if (!back.connack.sessionPresent) return differs(text('check.sessions.lost'));
      const got = await back.receive(topic, 2);
      const payloads = got.map((m) => m.payload.toString());
      return payloads.length === 2
        ? conforms(text('check.sessions.queuedArrived', { payloads: payloads.join(', ') }))
        : differs(text('check.sessions.queuedMissing', { count: payloads.length }));
    },
  },
  {
    id: 'sessions.redelivery',
    group: 'sessions',
    specRef: 'MQTT 5 §4.4; MQTT 3.1.1 §4.4',
    statement:
      'A QoS 1 message the client never acknowledged is sent again, with DUP set, when the client resumes its session.',
    v5: true,
    async run(ctx) {
      const topic = ctx.topic();
      const clientId = ctx.clientId('redel');
      endSessionAfter(ctx, clientId);
      // Withholds the PUBACK: the message stays in flight on the broker.
      const first = await Probe.open(ctx, {
        ...persistent(clientId, 'subscriber'),
        customHandleAcks: () => undefined,
      });
      await first.subscribe(topic, { qos: 1 });
      const pub = await Probe.open(ctx, { label: 'publisher' });
      await pub.publish(topic, 'unacked', { qos: 1 });
      const seen = await first.until(() =>
        ctx.packets.some((p) => p.client === 'subscriber' && p.type === 'publish' && p.direction === 'in'),
      );
      if (!seen) return differs(text('check.sessions.firstNeverCame'));
      await first.drop();
      const back = await Probe.open(ctx, persistent(clientId, 'subscriber-again'));
      const [again] = await back.receive(topic);
      if (!again) return differs(text('check.sessions.notResent'));
      return again.packet.dup
        ? conforms(text('check.sessions.resentWithDup'))
        : differs(text('check.sessions.resentWithoutDup'));
    },
  },
  {
    id: 'sessions.expiry',
    group: 'sessions',
    specRef: 'MQTT 5 §3.1.2.11.2',
    statementParams: { expiry: SHORT_EXPIRY_S },
    statement: `A session with Session Expiry Interval ${SHORT_EXPIRY_S} s is gone once that time has passed after the connection closed (Session Present 0).`,
    v5: true,
    slow: true,
    async run(ctx) {
      const topic = ctx.topic();
      const clientId = await leaveSubscribed(ctx, topic, SHORT_EXPIRY_S);
      const left = performance.now();
      // Some brokers expire sessions on a periodic sweep: allow a few seconds.
      const waited = SHORT_EXPIRY_S * 1000 + 2500;
      await delay(waited);
      ctx.timing('waited after the disconnect', performance.now() - left, {
        minMs: SHORT_EXPIRY_S * 1000,
        maxMs: waited,
      });
      const back = await Probe.open(ctx, persistent(clientId, 'subscriber-again'));
      return back.connack.sessionPresent
        ? differs(text('check.sessions.expiryIgnored', { seconds: tenths(waited), expiry: SHORT_EXPIRY_S }))
        : conforms(text('check.sessions.expired', { seconds: tenths(waited) }));
    },
  },
];
