/** MQTT 5 message properties: forwarded, expiry, request/response, topic aliases, sizes, flow control. */
import type { IPublishPacket } from 'mqtt-packet';
import { capability, type CheckDef } from './check-def';
import { text } from '../text/keys';
import { conforms, CouldNotRun, delay, differs, tenths, type CheckContext } from './context';
import { clearRetainedAfter, endSessionAfter, retainedOnSubscribe } from './helpers';
import { Probe, reasonParams } from './probe';
import { RawProbe } from './raw-probe';

/** How long an offline subscriber stays away while its queued messages age. */
const AWAY_MS = 2200;
const RECEIVE_MAXIMUM = 2;
const FLOW_MESSAGES = 5;
const CLIENT_MAX_PACKET = 256;

async function pair(ctx: CheckContext, subProperties: Record<string, unknown> = {}) {
  const [pub, sub] = await Promise.all([
    Probe.open(ctx, { label: 'publisher' }),
    Probe.open(ctx, { label: 'subscriber', properties: subProperties }),
  ]);
  return { pub, sub };
}

/**
 * Leaves a persistent subscriber offline, publishes `send` to it, waits AWAY_MS, and returns
 * what arrives when it resumes the session.
 */
async function whileAway(
  ctx: CheckContext,
  send: { payload: string; expiry: number }[],
): Promise<{ got: IPublishPacket[]; topic: string }> {
  const topic = ctx.topic();
  const clientId = ctx.clientId('away');
  endSessionAfter(ctx, clientId);
  const persistent = { clientId, clean: false, properties: { sessionExpiryInterval: 60 } };
  const first = await Probe.open(ctx, { label: 'subscriber', ...persistent });
  await first.subscribe(topic, { qos: 1 });
  await first.end();
  const pub = await Probe.open(ctx, { label: 'publisher' });
  for (const { payload, expiry } of send) {
    await pub.publish(topic, payload, { qos: 1, properties: { messageExpiryInterval: expiry } });
  }
  const sentAt = performance.now();
  await delay(AWAY_MS);
  const back = await Probe.open(ctx, { label: 'subscriber-again', ...persistent });
  ctx.timing('away after the publish', performance.now() - sentAt);
  await back.receive(topic, send.length, 1500);
  return { got: back.on(topic).map((m) => m.packet), topic };
}

export const propertyChecks: CheckDef[] = [
  {
    id: 'mqtt5-properties.user-properties',
    group: 'mqtt5-properties',
    specRef: 'MQTT 5 §3.3.2.3.10',
    statement: 'User properties reach the subscriber unchanged, in order, repeated keys included.',
    v5: true,
    async run(ctx) {
      const topic = ctx.topic();
      const { pub, sub } = await pair(ctx);
      await sub.subscribe(topic, { qos: 1 });
      await pub.publish(topic, 'u', { qos: 1, properties: { userProperties: { a: '1', b: ['x', 'y'] } } });
      const [got] = await sub.receive(topic);
      if (!got) return differs(text('check.delivery.nothing'));
      const user = got.packet.properties?.userProperties ?? {};
      const b = user['b'];
      const ok = user['a'] === '1' && Array.isArray(b) && b[0] === 'x' && b[1] === 'y';
      return ok
        ? conforms(text('check.props.userUnchanged'))
        : differs(text('check.props.userArrivedAs', { properties: JSON.stringify(user) }));
    },
  },
  {
    id: 'mqtt5-properties.payload-format-and-content-type',
    group: 'mqtt5-properties',
    specRef: 'MQTT 5 §3.3.2.3.2, §3.3.2.3.9',
    statement: 'The Payload Format Indicator and Content Type reach the subscriber unchanged.',
    v5: true,
    async run(ctx) {
      const topic = ctx.topic();
      const { pub, sub } = await pair(ctx);
      await sub.subscribe(topic, { qos: 1 });
      await pub.publish(topic, '{"a":1}', {
        qos: 1,
        properties: { payloadFormatIndicator: true, contentType: 'application/json' },
      });
      const [got] = await sub.receive(topic);
      if (!got) return differs(text('check.delivery.nothing'));
      const p = got.packet.properties ?? {};
      return p.payloadFormatIndicator === true && p.contentType === 'application/json'
        ? conforms(text('check.props.formatArrived'))
        : differs(
            text('check.props.formatArrivedAs', {
              format: String(p.payloadFormatIndicator),
              contentType: String(p.contentType),
            }),
          );
    },
  },
  {
    id: 'mqtt5-properties.request-response',
    group: 'mqtt5-properties',
    specRef: 'MQTT 5 §4.10, §3.3.2.3.5, §3.3.2.3.6, §3.1.2.11.7',
    statement:
      'Response Topic and Correlation Data reach the subscriber unchanged; a client that asks for Response Information may get it in the CONNACK.',
    v5: true,
    async run(ctx) {
      const topic = ctx.topic();
      const { pub, sub } = await pair(ctx, { requestResponseInformation: true });
      await sub.subscribe(topic, { qos: 1 });
      const responseTopic = ctx.topic('reply');
      await pub.publish(topic, 'ask', {
        qos: 1,
        properties: { responseTopic, correlationData: Buffer.from('c0ffee', 'hex') },
      });
      const [got] = await sub.receive(topic);
      if (!got) return differs(text('check.delivery.nothing'));
      const p = got.packet.properties ?? {};
      const info = sub.connack.properties?.responseInformation;
      return p.responseTopic === responseTopic &&
        Buffer.from(p.correlationData ?? []).toString('hex') === 'c0ffee'
        ? conforms(
            info
              ? text('check.props.responseUnchangedInfo', { info })
              : text('check.props.responseUnchangedNoInfo'),
          )
        : differs(
            text('check.props.responseArrivedAs', {
              topic: String(p.responseTopic),
              correlation: p.correlationData ? Buffer.from(p.correlationData).toString('hex') : '—',
            }),
          );
    },
  },
  {
    id: 'mqtt5-properties.message-expiry-decremented',
    group: 'mqtt5-properties',
    specRef: 'MQTT 5 §3.3.2.3.3',
    statement:
      'A message held for an offline subscriber is forwarded with its Message Expiry Interval reduced by the time it waited.',
    v5: true,
    slow: true,
    async run(ctx) {
      const { got } = await whileAway(ctx, [{ payload: 'lasting', expiry: 60 }]);
      const message = got.find((p) => p.payload.toString() === 'lasting');
      if (!message) return differs(text('check.props.queuedMissing'));
      const left = message.properties?.messageExpiryInterval;
      if (left === undefined) return differs(text('check.props.noExpiry'));
      return left < 60
        ? conforms(text('check.props.expiryReduced', { left, waited: tenths(AWAY_MS) }))
        : differs(text('check.props.expiryKept', { waited: tenths(AWAY_MS) }));
    },
  },
  {
    id: 'mqtt5-properties.message-expiry-dropped',
    group: 'mqtt5-properties',
    specRef: 'MQTT 5 §3.3.2.3.3',
    statement:
      'A message whose Message Expiry Interval passed before it could be delivered is not delivered.',
    v5: true,
    slow: true,
    async run(ctx) {
      const { got } = await whileAway(ctx, [
        { payload: 'expiring', expiry: 1 },
        { payload: 'lasting', expiry: 60 },
      ]);
      const payloads = got.map((p) => p.payload.toString());
      if (!payloads.includes('lasting')) return differs(text('check.props.unexpiredMissing'));
      return payloads.includes('expiring')
        ? differs(text('check.props.expiredDelivered', { waited: tenths(AWAY_MS) }))
        : conforms(text('check.props.expiredDropped', { waited: tenths(AWAY_MS) }));
    },
  },
  {
    id: 'mqtt5-properties.message-expiry-retained',
    group: 'mqtt5-properties',
    specRef: 'MQTT 5 §3.3.2.3.3, §3.3.1.3',
    statement:
      'A retained message whose Message Expiry Interval has passed is no longer sent to new subscribers.',
    v5: true,
    slow: true,
    unsupported: capability('retainAvailable', 'the broker does not support retained messages'),
    async run(ctx) {
      const topic = ctx.topic();
      clearRetainedAfter(ctx, [topic]);
      const pub = await Probe.open(ctx, { label: 'publisher' });
      await pub.publish(topic, 'expiring', {
        qos: 1,
        retain: true,
        properties: { messageExpiryInterval: 1 },
      });
      const sentAt = performance.now();
      await delay(AWAY_MS);
      const { retained, fenced } = await retainedOnSubscribe(ctx, topic, 'late-subscriber');
      ctx.timing('subscribed after the retained publish', performance.now() - sentAt);
      if (!fenced) throw new CouldNotRun('The fence message never arrived, so absence could not be shown.');
      return retained.length
        ? differs(text('check.props.retainedExpiredSent', { waited: tenths(AWAY_MS) }))
        : conforms(text('check.props.retainedExpiredGone', { waited: tenths(AWAY_MS) }));
    },
  },
  {
    id: 'mqtt5-properties.topic-alias-from-client',
    group: 'mqtt5-properties',
    specRef: 'MQTT 5 §3.3.2.3.4',
    statement:
      'A PUBLISH that sets a Topic Alias with its topic, then one with the alias and an empty topic, both reach subscribers of the full topic.',
    v5: true,
    unsupported: (c) =>
      Number(c['topicAliasMaximum'] ?? 0) < 1
        ? 'The CONNACK allows no topic aliases (Topic Alias Maximum 0).'
        : null,
    async run(ctx) {
      const topic = ctx.topic();
      const sub = await Probe.open(ctx, { label: 'subscriber' });
      await sub.subscribe(topic, { qos: 1 });
      const raw = await RawProbe.open(ctx, 'publisher');
      raw.publish({ topic, payload: Buffer.from('named'), qos: 1, properties: { topicAlias: 1 } });
      raw.publish({ topic: '', payload: Buffer.from('aliased'), qos: 1, properties: { topicAlias: 1 } });
      const got = (await sub.receive(topic, 2)).map((m) => m.payload.toString());
      if (raw.serverDisconnect)
        return differs(text('check.props.aliasDisconnected', reasonParams(raw.serverDisconnect.reasonCode)));
      return got.includes('named') && got.includes('aliased')
        ? conforms(text('check.props.aliasBothArrived'))
        : differs(text('check.props.aliasGot', { got: got.join(', ') }));
    },
  },
  {
    id: 'mqtt5-properties.topic-alias-to-client',
    group: 'mqtt5-properties',
    specRef: 'MQTT 5 §3.1.2.11.5, §3.3.2.3.4',
    statementParams: { max: 2 },
    statement:
      'The broker uses no Topic Alias above the client’s Topic Alias Maximum (2), and none at all for a client that set 0.',
    v5: true,
    async run(ctx) {
      const topic = ctx.topic();
      const [pub, sub, none] = await Promise.all([
        Probe.open(ctx, { label: 'publisher' }),
        Probe.open(ctx, { label: 'subscriber', properties: { topicAliasMaximum: 2 } }),
        Probe.open(ctx, { label: 'no-alias-sub' }),
      ]);
      await sub.subscribe(topic, { qos: 1 });
      await none.subscribe(topic, { qos: 1 });
      for (let i = 0; i < 3; i++) await pub.publish(topic, `m${i}`, { qos: 1 });
      await sub.receive(topic, 3);
      await none.receive(topic, 3);
      const aliases = (p: Probe) =>
        p.on(topic).flatMap((m) => (m.packet.properties?.topicAlias ? [m.packet.properties.topicAlias] : []));
      const used = aliases(sub);
      if (aliases(none).length) return differs(text('check.props.aliasToNone'));
      if (used.some((a) => a > 2))
        return differs(text('check.props.aliasAboveMax', { alias: Math.max(...used), max: 2 }));
      return conforms(
        used.length
          ? text('check.props.aliasWithin', { aliases: [...new Set(used)].join(', ') })
          : text('check.props.aliasNone'),
      );
    },
  },
  {
    id: 'mqtt5-properties.maximum-packet-size',
    group: 'mqtt5-properties',
    specRef: 'MQTT 5 §3.1.2.11.4',
    statementParams: { bytes: CLIENT_MAX_PACKET },
    statement: `The broker does not send a client a packet larger than the Maximum Packet Size it set (${CLIENT_MAX_PACKET} bytes): it drops that message and delivers the next.`,
    v5: true,
    async run(ctx) {
      const topic = ctx.topic();
      const pub = await Probe.open(ctx, { label: 'publisher' });
      const raw = await RawProbe.open(ctx, 'small-client', { maximumPacketSize: CLIENT_MAX_PACKET });
      raw.send({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic, qos: 0 }] });
      if (!(await raw.next((p) => p.cmd === 'suback'))) throw new CouldNotRun('No SUBACK.');
      await pub.publish(topic, Buffer.alloc(CLIENT_MAX_PACKET * 4, 0x61), { qos: 1 });
      await pub.publish(topic, 'small', { qos: 1 });
      await raw.until(() => raw.publishes(topic).some((p) => p.payload.toString() === 'small'));
      const sizes = raw.publishes(topic).map((p) => p.payload.length);
      if (raw.closedAt !== null && !sizes.length) return differs(text('check.props.sizeClosed'));
      if (sizes.some((s) => s > CLIENT_MAX_PACKET))
        return differs(
          text('check.props.sizeSent', { bytes: CLIENT_MAX_PACKET * 4, max: CLIENT_MAX_PACKET }),
        );
      return sizes.length
        ? conforms(text('check.props.sizeWithheld'))
        : differs(text('check.props.sizeNeither'));
    },
  },
  {
    id: 'mqtt5-properties.receive-maximum',
    group: 'mqtt5-properties',
    specRef: 'MQTT 5 §3.3.4 [MQTT-3.3.4-9], §3.1.2.11.3',
    statementParams: { max: RECEIVE_MAXIMUM },
    statement: `The broker sends no more unacknowledged QoS 1 messages than the client’s Receive Maximum (${RECEIVE_MAXIMUM}), and sends the rest as acknowledgements come.`,
    v5: true,
    async run(ctx) {
      const topic = ctx.topic();
      const pub = await Probe.open(ctx, { label: 'publisher' });
      const raw = await RawProbe.open(ctx, 'slow-client', { receiveMaximum: RECEIVE_MAXIMUM });
      raw.send({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic, qos: 1 }] });
      if (!(await raw.next((p) => p.cmd === 'suback'))) throw new CouldNotRun('No SUBACK.');
      for (let i = 0; i < FLOW_MESSAGES; i++) await pub.publish(topic, `m${i}`, { qos: 1 });
      await raw.until(() => raw.publishes(topic).length > RECEIVE_MAXIMUM, 1000);
      const inFlight = raw.publishes(topic).length;
      ctx.timing('unacknowledged deliveries after 1 s', inFlight);
      // Now acknowledge everything as it comes, and expect the rest.
      const acked = new Set<number>();
      const ackAll = () => {
        for (const p of raw.publishes(topic)) {
          if (p.messageId !== undefined && !acked.has(p.messageId)) {
            acked.add(p.messageId);
            raw.send({ cmd: 'puback', messageId: p.messageId, reasonCode: 0 });
          }
        }
        return raw.publishes(topic).length >= FLOW_MESSAGES;
      };
      await raw.until(ackAll);
      const total = raw.publishes(topic).length;
      if (inFlight > RECEIVE_MAXIMUM)
        return differs(text('check.props.flowTooMany', { inFlight, max: RECEIVE_MAXIMUM }));
      if (total < FLOW_MESSAGES)
        return differs(text('check.props.flowShort', { total, sent: FLOW_MESSAGES }));
      return conforms(text('check.props.flowOk', { inFlight, sent: FLOW_MESSAGES }));
    },
  },
];
