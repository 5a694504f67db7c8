/**
 * What the MQTT specification says a broker does with a will, per lab action, and whether a
 * measured outcome matches. Pure: the verdict logic is unit-tested on its own.
 */
import type { LabAction, LabExpectation, LabResult, TextParams } from '../../contract';
import { text, type EngineKey } from '../text/keys';

/** Clocks differ by a tick here and there; a broker is not late by a few hundred ms. */
const TOLERANCE_MS = 1000;

export interface WillTiming {
  keepaliveSeconds: number;
  /** The MQTT 5 will delay that applies: min(will delay, session expiry), since the will goes when the session ends. */
  effectiveDelaySeconds: number;
  willDelaySeconds: number;
}

/** Seconds with one decimal: the unit is in the sentence ("s", "秒"). */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

/** Brokers time a will delay in whole seconds (Mosquitto does), so it may run up to a second over. */
const DELAY_GRANULARITY_MS = 1000;

export function expectationFor(action: LabAction, t: WillTiming): LabExpectation {
  const delayMs = t.effectiveDelaySeconds * 1000;
  const delaySlack = delayMs > 0 ? DELAY_GRANULARITY_MS : 0;
  const whenKey: EngineKey =
    t.willDelaySeconds > 0
      ? t.effectiveDelaySeconds === t.willDelaySeconds
        ? 'lab.when.afterDelay'
        : 'lab.when.sessionEnds'
      : 'lab.when.atOnce';
  const when: TextParams = { whenKey, delay: t.willDelaySeconds, expiry: t.effectiveDelaySeconds };
  switch (action) {
    case 'drop':
      return {
        description: text('lab.expect.drop', when),
        window: {
          from: 'action',
          earliestMs: Math.max(0, delayMs - 200),
          latestMs: delayMs + delaySlack + TOLERANCE_MS,
        },
      };
    case 'disconnectWithWill':
      return {
        description: text('lab.expect.disconnectWithWill', when),
        window: {
          from: 'action',
          earliestMs: Math.max(0, delayMs - 200),
          latestMs: delayMs + delaySlack + TOLERANCE_MS,
        },
      };
    case 'stall': {
      const limitMs = t.keepaliveSeconds * 1500;
      return {
        description: text('lab.expect.stall', { limit: seconds(limitMs), ...when }),
        window: {
          from: 'lastPacket',
          earliestMs: Math.max(0, limitMs + delayMs - TOLERANCE_MS),
          latestMs: limitMs + delayMs + delaySlack + TOLERANCE_MS,
        },
      };
    }
    case 'disconnect':
      return {
        description: text('lab.expect.disconnect'),
        window: null,
      };
  }
}

/** How long the observer waits for a will before it says none came. */
export function observationMs(action: LabAction, expected: LabExpectation): number {
  if (!expected.window) return 5000;
  // Mosquitto 2.0 checks keepalives only every 5 s, so a stall may end up to 6 s late.
  const slack = action === 'stall' ? 8000 : 3000;
  return expected.window.latestMs + slack;
}

export function judge(
  expected: LabExpectation,
  will: LabResult['will'],
  observedForMs: number,
  action: LabAction,
): Pick<LabResult, 'verdict' | 'verdictText'> {
  const window = expected.window;
  if (!window) {
    return will
      ? {
          verdict: 'not-as-specified',
          verdictText: text('lab.verdict.willAfterNormal', { after: seconds(will.afterActionMs) }),
        }
      : {
          verdict: 'as-specified',
          verdictText: text('lab.verdict.noWillAsSpecified', { observed: seconds(observedForMs) }),
        };
  }
  if (!will) {
    return {
      verdict: 'not-as-specified',
      verdictText: text('lab.verdict.noWill', { observed: seconds(observedForMs) }),
    };
  }
  const measured = window.from === 'action' ? will.afterActionMs : will.afterLastPacketMs;
  const sinceKey: EngineKey = window.from === 'action' ? 'lab.since.action' : 'lab.since.lastPacket';
  if (measured === null) {
    return {
      verdict: 'not-as-specified',
      verdictText: text('lab.verdict.lastPacketUnknown'),
    };
  }
  const facts = {
    measured: seconds(measured),
    sinceKey,
    earliest: seconds(window.earliestMs),
    latest: seconds(window.latestMs),
  };
  if (measured < window.earliestMs) {
    return {
      verdict: 'not-as-specified',
      verdictText: text('lab.verdict.early', facts),
    };
  }
  if (measured > window.latestMs) {
    return {
      verdict: 'not-as-specified',
      // A stall is judged by the broker's keepalive check, which some brokers run coarsely.
      verdictText: text(action === 'stall' ? 'lab.verdict.lateStall' : 'lab.verdict.late', facts),
    };
  }
  return {
    verdict: 'as-specified',
    verdictText: text('lab.verdict.asSpecified', facts),
  };
}
