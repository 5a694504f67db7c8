/** The last will: on a drop, not on a normal DISCONNECT, on DISCONNECT 0x04, and its delay. */
import type { CheckDef } from './check-def';
import { text } from '../text/keys';
import { conforms, CouldNotRun, differs, tenths, type CheckContext } from './context';
import { endSessionAfter, fence } from './helpers';
import { Probe, WAIT_MS, type ProbeOptions } from './probe';

/** The shortest will delay that a loaded machine can still time apart from "at once". */
const WILL_DELAY_S = 2;
/** Lateness a broker is allowed beyond the delay before the check calls it late. */
const LATE_MS = 2000;

interface WillSetup {
  observer: Probe;
  client: Probe;
  topic: string;
}

async function withWill(
  ctx: CheckContext,
  extra: Partial<ProbeOptions> = {},
  delayS?: number,
): Promise<WillSetup> {
  const topic = ctx.topic('will');
  const observer = await Probe.open(ctx, { label: 'observer' });
  await observer.subscribe(topic, { qos: 1 });
  const client = await Probe.open(ctx, {
    label: 'will-client',
    ...extra,
    will: {
      topic,
      payload: Buffer.from('gone'),
      qos: 1,
      retain: false,
      ...(ctx.v5 && {
        properties: {
          userProperties: { check: 'will' },
          ...(delayS !== undefined && { willDelayInterval: delayS }),
        },
      }),
    },
  });
  return { observer, client, topic };
}

/**
 * A client with a delayed will on a session that outlives the delay (or the session's end
 * would send the will at once), dropped without DISCONNECT; `at` is when it was dropped.
 */
async function droppedWithDelayedWill(ctx: CheckContext) {
  const clientId = ctx.clientId('will');
  endSessionAfter(ctx, clientId);
  const setup = await withWill(ctx, { clientId, properties: { sessionExpiryInterval: 30 } }, WILL_DELAY_S);
  const at = await setup.client.drop();
  return { setup, clientId, at };
}

/** Waits for the will and states when it came; false when it did not within `windowMs`. */
async function willArrives(
  ctx: CheckContext,
  setup: WillSetup,
  from: number,
  windowMs: number,
): Promise<number | null> {
  const [will] = await setup.observer.receive(setup.topic, 1, windowMs);
  return will ? ctx.timing('will arrived after the client left', will.at - from) : null;
}

export const willChecks: CheckDef[] = [
  {
    id: 'will.on-drop',
    group: 'will',
    specRef: 'MQTT 5 §3.1.2.5; MQTT 3.1.1 §3.1.2.5',
    statement: 'When the network connection closes without DISCONNECT, the broker publishes the will.',
    async run(ctx) {
      const setup = await withWill(ctx);
      const at = await setup.client.drop();
      const after = await willArrives(ctx, setup, at, WAIT_MS);
      return after === null
        ? differs(text('check.will.noWillWithin', { seconds: tenths(WAIT_MS) }))
        : conforms(text('check.will.arrivedAfterDrop', { ms: Math.round(after) }));
    },
  },
  {
    id: 'will.not-on-disconnect',
    group: 'will',
    specRef: 'MQTT 5 §3.14.4; MQTT 3.1.1 §3.14.4',
    statement: 'A normal DISCONNECT (reason 0x00) discards the will: the broker does not publish it.',
    async run(ctx) {
      const setup = await withWill(ctx);
      await setup.client.end(0);
      // Nothing should come; the observer's own fence bounds the wait.
      if (!(await fence(ctx, setup.observer, setup.observer)))
        throw new CouldNotRun('The fence never arrived.');
      await setup.observer.until(() => setup.observer.on(setup.topic).length > 0, 700);
      return setup.observer.on(setup.topic).length === 0
        ? conforms(text('check.will.noneAfterDisconnect'))
        : differs(text('check.will.publishedAfterDisconnect'));
    },
  },
  {
    id: 'will.disconnect-with-will',
    group: 'will',
    specRef: 'MQTT 5 §3.14.2.1',
    statement:
      'DISCONNECT with reason 0x04 (Disconnect with Will Message) makes the broker publish the will.',
    v5: true,
    async run(ctx) {
      const setup = await withWill(ctx);
      const at = performance.now();
      await setup.client.end(0x04);
      const after = await willArrives(ctx, setup, at, WAIT_MS);
      return after === null
        ? differs(text('check.will.noWillAfter04', { seconds: tenths(WAIT_MS) }))
        : conforms(text('check.will.arrivedAfter04', { ms: Math.round(after) }));
    },
  },
  {
    id: 'will.properties',
    group: 'will',
    specRef: 'MQTT 5 §3.1.3.2, §3.3.2.3',
    statement:
      'The will PUBLISH carries the will’s user properties, and no Will Delay Interval (a CONNECT-only property: a PUBLISH with it is a protocol error).',
    v5: true,
    async run(ctx) {
      const setup = await withWill(ctx, {}, 0);
      const at = await setup.client.drop();
      const [will] = await setup.observer.receive(setup.topic, 1, WAIT_MS);
      if (!will) return differs(text('check.will.noneArrived'));
      ctx.timing('will arrived after the drop', will.at - at);
      const props = (will.packet.properties ?? {}) as Record<string, unknown>;
      const user = props['userProperties'] as Record<string, unknown> | undefined;
      if ('willDelayInterval' in props) {
        return differs(text('check.will.carriedDelay'));
      }
      if (user?.['check'] !== 'will') return differs(text('check.will.lostUserProperty'));
      return conforms(text('check.will.propertiesKept'));
    },
  },
  {
    id: 'will.delay-honoured',
    group: 'will',
    specRef: 'MQTT 5 §3.1.3.2.2',
    statementParams: { delay: WILL_DELAY_S },
    statement: `With a Will Delay Interval of ${WILL_DELAY_S} s, the will is published ${WILL_DELAY_S} s after the connection closed, not before.`,
    v5: true,
    slow: true,
    async run(ctx) {
      const { setup, at } = await droppedWithDelayedWill(ctx);
      const expected = { minMs: WILL_DELAY_S * 1000, maxMs: WILL_DELAY_S * 1000 + LATE_MS };
      const [will] = await setup.observer.receive(setup.topic, 1, expected.maxMs + WAIT_MS);
      if (!will)
        return differs(text('check.will.noWillWithin', { seconds: tenths(expected.maxMs + WAIT_MS) }));
      const after = ctx.timing('will arrived after the drop', will.at - at, expected);
      // Timers may fire a few ms early on the broker's clock; 100 ms covers that, not a skipped delay.
      if (after < expected.minMs - 100)
        return differs(text('check.will.early', { seconds: tenths(after), delay: WILL_DELAY_S }));
      if (after > expected.maxMs)
        return differs(text('check.will.late', { seconds: tenths(after), delay: WILL_DELAY_S }));
      return conforms(text('check.will.onTime', { seconds: tenths(after), delay: WILL_DELAY_S }));
    },
  },
  {
    id: 'will.delay-cancelled-by-reconnect',
    group: 'will',
    specRef: 'MQTT 5 §3.1.3.2.2, §3.1.2.5',
    statementParams: { delay: WILL_DELAY_S },
    statement: `If the client reconnects to its session within the Will Delay Interval (${WILL_DELAY_S} s), the will is not published.`,
    v5: true,
    slow: true,
    async run(ctx) {
      const { setup, clientId, at } = await droppedWithDelayedWill(ctx);
      const back = await Probe.open(ctx, {
        label: 'will-client-again',
        clientId,
        clean: false,
        properties: { sessionExpiryInterval: 30 },
      });
      ctx.timing('reconnected after the drop', performance.now() - at);
      // Watch past the delay (plus the lateness allowed elsewhere) before concluding.
      await setup.observer.until(
        () => setup.observer.on(setup.topic).length > 0,
        WILL_DELAY_S * 1000 + LATE_MS,
      );
      const came = setup.observer.on(setup.topic)[0];
      await back.end(0);
      return came
        ? differs(text('check.will.publishedDespiteReconnect', { seconds: tenths(came.at - at) }))
        : conforms(text('check.will.cancelledByReconnect', { delay: WILL_DELAY_S }));
    },
  },
];
