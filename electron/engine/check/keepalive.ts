/** Keepalive: the broker closes a silent client after 1.5 × the keepalive it agreed to. */
import type { CheckDef } from './check-def';
import { text } from '../text/keys';
import { conforms, delay, differs, seconds, tenths, type CheckContext } from './context';
import { Probe } from './probe';

/** The shortest legal keepalive that is not "off" (MQTT §3.1.2.10). */
const KEEPALIVE_S = 1;
/**
 * Four silent clients, started this far apart: a broker that checks keepalives on a fixed
 * period (Mosquitto 2.0: every 5 s) shows it in at least one of them whatever the phase,
 * so the verdict does not depend on luck.
 */
const PROBES = 4;
const STAGGER_MS = 1250;
/**
 * Lateness allowed beyond 1.5 × keepalive for scheduling on a loaded machine. The stagger
 * guarantees a broker with a 5 s sweep at least 5 − 1.25 = 3.75 s of lateness in one probe,
 * well above this.
 */
const SLACK_MS = 1500;
/** How long to wait for the close before calling the broker silent for good. */
const GIVE_UP_MS = 12_000;

async function silentClient(
  ctx: CheckContext,
  index: number,
): Promise<{ ms: number | null; keepalive: number }> {
  const probe = await Probe.open(ctx, { label: `silent-${index + 1}`, keepalive: KEEPALIVE_S });
  // A server keepalive in the CONNACK replaces ours (MQTT 5 §3.2.2.3.14).
  const keepalive = probe.connack.properties?.serverKeepAlive ?? KEEPALIVE_S;
  probe.stall();
  await probe.until(() => probe.closedAt !== null, GIVE_UP_MS);
  return { ms: probe.closedAt === null ? null : probe.closedAt - probe.lastSentAt, keepalive };
}

export const keepaliveChecks: CheckDef[] = [
  {
    id: 'keepalive.timeout',
    group: 'keepalive',
    specRef: 'MQTT 5 §3.1.2.10, §3.2.2.3.14; MQTT 3.1.1 §3.1.2.10',
    statementParams: { keepalive: KEEPALIVE_S, limit: KEEPALIVE_S * 1.5 },
    statement: `A client that sends nothing is disconnected once 1.5 × the keepalive has passed (keepalive ${KEEPALIVE_S} s → 1.5 s), using the server keepalive when the CONNACK sets one.`,
    slow: true,
    async run(ctx) {
      const runs = await Promise.all(
        Array.from({ length: PROBES }, async (_, i) => {
          await delay(i * STAGGER_MS);
          return silentClient(ctx, i);
        }),
      );
      const keepalive = runs[0]?.keepalive ?? KEEPALIVE_S;
      const expected = { minMs: keepalive * 1500, maxMs: keepalive * 1500 + SLACK_MS };
      const closed = runs.map((r, i) =>
        r.ms === null ? null : ctx.timing(`silent-${i + 1} closed after its last packet`, r.ms, expected),
      );
      const named = {
        namedKey: keepalive === KEEPALIVE_S ? 'check.keepalive.own' : 'check.keepalive.server',
        keepalive,
      };
      if (closed.some((ms) => ms === null)) {
        return differs(text('check.keepalive.stillConnected', { seconds: tenths(GIVE_UP_MS), ...named }));
      }
      const times = closed as number[];
      const all = { times: times.map((ms) => seconds(ms)).join(', '), ...named, min: tenths(expected.minMs) };
      const early = times.filter((ms) => ms < expected.minMs - 100);
      const late = times.filter((ms) => ms > expected.maxMs);
      if (early.length || late.length) {
        if (!late.length) return differs(text('check.keepalive.early', { ...all, early: early.length }));
        // Late ones (with or without early ones, at random phases) are the signature of a periodic sweep.
        const lateBy = { late: late.length, by: tenths(Math.max(...late) - expected.minMs) };
        return differs(
          early.length
            ? text('check.keepalive.earlyAndLate', { ...all, early: early.length, ...lateBy })
            : text('check.keepalive.late', { ...all, ...lateBy }),
        );
      }
      return conforms(text('check.keepalive.onTime', all));
    },
  },
];
