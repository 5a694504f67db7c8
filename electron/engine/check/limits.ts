/** The limits a CONNACK states, probed: does the broker enforce what it announced? */
import type { TextParams } from '../../contract';
import { text } from '../text/keys';
import type { CheckDef } from './check-def';
import { conforms, CouldNotRun, differs, notSupported, type CheckContext } from './context';
import { Probe, reasonParams } from './probe';
import { RawProbe } from './raw-probe';

/** Receive Maximum above this is not probed: it would take too many messages. */
const RECEIVE_MAXIMUM_PROBED = 100;
/** Maximum Packet Size above this is not probed: the check would send too many bytes. */
const PACKET_SIZE_PROBED = 1_000_000;

/** How a broker ended a connection, as a sentence's nested `{{closed}}`, or null when it kept it open. */
function howClosed(raw: RawProbe): TextParams | null {
  if (raw.closedAt === null) return null;
  const disconnect = raw.serverDisconnect;
  return disconnect
    ? { closedKey: 'check.limits.byDisconnect', ...reasonParams(disconnect.reasonCode) }
    : { closedKey: 'check.limits.withoutDisconnect' };
}

async function closedWithin(raw: RawProbe): Promise<TextParams | null> {
  await raw.until(() => raw.closedAt !== null);
  return howClosed(raw);
}

function stated(ctx: CheckContext, name: string): number | undefined {
  const value = ctx.run.connackProperties[name];
  return typeof value === 'number' ? value : undefined;
}

export const limitChecks: CheckDef[] = [
  {
    id: 'limits.topic-alias-maximum',
    group: 'limits',
    specRef: 'MQTT 5 §3.2.2.3.8, §3.3.2.3.4',
    statement:
      'The broker accepts Topic Aliases up to the Topic Alias Maximum its CONNACK states (0 when absent) and disconnects a client that uses one above it (0x94).',
    v5: true,
    async run(ctx) {
      const max = stated(ctx, 'topicAliasMaximum') ?? 0;
      const topic = ctx.topic();
      const sub = await Probe.open(ctx, { label: 'subscriber' });
      await sub.subscribe(topic, { qos: 1 });
      const raw = await RawProbe.open(ctx, 'publisher');
      if (max >= 1) {
        raw.publish({ topic, payload: Buffer.from('at-max'), qos: 1, properties: { topicAlias: max } });
        const [got] = await sub.receive(topic);
        if (!got) return differs(text('check.limits.aliasRefused', { max }));
      }
      raw.publish({ topic, payload: Buffer.from('over'), qos: 1, properties: { topicAlias: max + 1 } });
      const closed = await closedWithin(raw);
      const overDelivered = sub.on(topic).some((m) => m.payload.toString() === 'over');
      if (!closed || overDelivered) {
        return differs(
          text(overDelivered ? 'check.limits.aliasDelivered' : 'check.limits.aliasAccepted', {
            max,
            over: max + 1,
          }),
        );
      }
      return conforms(
        max
          ? text('check.limits.aliasEnforced', { max, over: max + 1, ...closed })
          : text('check.limits.aliasZeroEnforced', { over: max + 1, ...closed }),
      );
    },
  },
  {
    id: 'limits.receive-maximum',
    group: 'limits',
    specRef: 'MQTT 5 §3.2.2.3.3, §3.3.4, §4.9',
    statement:
      'A client that sends more unacknowledged QoS 2 PUBLISHes than the broker’s stated Receive Maximum is disconnected (0x93).',
    v5: true,
    async run(ctx) {
      const max = stated(ctx, 'receiveMaximum');
      if (max === undefined) return notSupported(text('check.limits.noReceiveMaximum'));
      if (max > RECEIVE_MAXIMUM_PROBED)
        return notSupported(
          text('check.limits.receiveMaximumTooHigh', { max, limit: RECEIVE_MAXIMUM_PROBED }),
        );
      const raw = await RawProbe.open(ctx, 'publisher');
      // QoS 2 without PUBREL: each stays unacknowledged, so the window fills.
      for (let i = 0; i <= max; i++)
        raw.publish({ topic: ctx.topic(), payload: Buffer.from(`w${i}`), qos: 2 });
      const closed = await closedWithin(raw);
      return closed
        ? conforms(text('check.limits.receiveEnforced', { max, over: max + 1, ...closed }))
        : differs(text('check.limits.receiveIgnored', { max, over: max + 1 }));
    },
  },
  {
    id: 'limits.maximum-packet-size',
    group: 'limits',
    specRef: 'MQTT 5 §3.2.2.3.6, §4.13',
    statement:
      'A client that sends a packet larger than the broker’s stated Maximum Packet Size is disconnected (0x95).',
    v5: true,
    async run(ctx) {
      const max = stated(ctx, 'maximumPacketSize');
      if (max === undefined) return notSupported(text('check.limits.noPacketSize'));
      if (max > PACKET_SIZE_PROBED)
        return notSupported(text('check.limits.packetSizeTooHigh', { max, limit: PACKET_SIZE_PROBED }));
      const raw = await RawProbe.open(ctx, 'publisher');
      raw.publish({ topic: ctx.topic(), payload: Buffer.alloc(max + 1, 0x61), qos: 1 });
      const closed = await closedWithin(raw);
      return closed
        ? conforms(text('check.limits.packetSizeEnforced', { max, ...closed }))
        : differs(text('check.limits.packetSizeIgnored', { max }));
    },
  },
  {
    id: 'limits.maximum-qos',
    group: 'limits',
    specRef: 'MQTT 5 §3.2.2.3.4',
    statement: 'A client that publishes above the broker’s stated Maximum QoS is disconnected (0x9B).',
    v5: true,
    async run(ctx) {
      const max = stated(ctx, 'maximumQoS');
      if (max === undefined || max >= 2) return notSupported(text('check.limits.noMaxQos'));
      const raw = await RawProbe.open(ctx, 'publisher');
      raw.publish({ topic: ctx.topic(), payload: Buffer.from('over'), qos: 2 });
      const closed = await closedWithin(raw);
      if (!closed && raw.received.some((p) => p.cmd === 'pubrec')) {
        return differs(text('check.limits.maxQosIgnored', { max }));
      }
      if (!closed) throw new CouldNotRun('The broker neither answered nor closed the connection.');
      return conforms(text('check.limits.maxQosEnforced', { max, ...closed }));
    },
  },
];
