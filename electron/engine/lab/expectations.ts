/**
 * What the MQTT specification says a broker does with a will, per lab action, and whether a
 * measured outcome matches. Pure: the verdict logic is unit-tested on its own.
 */
import type { LabAction, LabExpectation, LabResult } from '../../contract';

/** Clocks differ by a tick here and there; a broker is not late by a few hundred ms. */
const TOLERANCE_MS = 1000;

export interface WillTiming {
  keepaliveSeconds: number;
  /** The MQTT 5 will delay that applies: min(will delay, session expiry), since the will goes when the session ends. */
  effectiveDelaySeconds: number;
  willDelaySeconds: number;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Brokers time a will delay in whole seconds (Mosquitto does), so it may run up to a second over. */
const DELAY_GRANULARITY_MS = 1000;

export function expectationFor(action: LabAction, t: WillTiming): LabExpectation {
  const delayMs = t.effectiveDelaySeconds * 1000;
  const delaySlack = delayMs > 0 ? DELAY_GRANULARITY_MS : 0;
  const delayNote =
    t.willDelaySeconds > 0
      ? t.effectiveDelaySeconds === t.willDelaySeconds
        ? ` after the will delay of ${t.willDelaySeconds} s`
        : ` at once: the session ends before the will delay of ${t.willDelaySeconds} s (session expiry ${t.effectiveDelaySeconds} s)`
      : ' at once';
  switch (action) {
    case 'drop':
      return {
        description: `The connection closed without DISCONNECT: the broker must publish the will${delayNote}.`,
        window: {
          from: 'action',
          earliestMs: Math.max(0, delayMs - 200),
          latestMs: delayMs + delaySlack + TOLERANCE_MS,
        },
      };
    case 'disconnectWithWill':
      return {
        description: `DISCONNECT with reason 0x04 asks the broker to publish the will${delayNote}.`,
        window: {
          from: 'action',
          earliestMs: Math.max(0, delayMs - 200),
          latestMs: delayMs + delaySlack + TOLERANCE_MS,
        },
      };
    case 'stall': {
      const limitMs = t.keepaliveSeconds * 1500;
      return {
        description: `With nothing sent, the broker must drop the client 1.5 × keepalive (${seconds(limitMs)}) after its last packet, then publish the will${delayNote}.`,
        window: {
          from: 'lastPacket',
          earliestMs: Math.max(0, limitMs + delayMs - TOLERANCE_MS),
          latestMs: limitMs + delayMs + delaySlack + TOLERANCE_MS,
        },
      };
    }
    case 'disconnect':
      return {
        description: 'A normal DISCONNECT (reason 0x00) makes the broker discard the will.',
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
          verdictText: `A will arrived ${seconds(will.afterActionMs)} after a normal DISCONNECT: the specification says the broker must discard it.`,
        }
      : {
          verdict: 'as-specified',
          verdictText: `No will within ${seconds(observedForMs)}, as specified: a normal DISCONNECT discards it.`,
        };
  }
  if (!will) {
    return {
      verdict: 'not-as-specified',
      verdictText: `No will within ${seconds(observedForMs)}: the specification says the broker must publish it.`,
    };
  }
  const measured = window.from === 'action' ? will.afterActionMs : will.afterLastPacketMs;
  const since = window.from === 'action' ? 'the action' : 'the last packet';
  if (measured === null) {
    return {
      verdict: 'not-as-specified',
      verdictText: 'The will arrived, but the last packet time is unknown.',
    };
  }
  const range = `${seconds(window.earliestMs)}–${seconds(window.latestMs)}`;
  if (measured < window.earliestMs) {
    return {
      verdict: 'not-as-specified',
      verdictText: `The will arrived ${seconds(measured)} after ${since}: earlier than specified (${range}).`,
    };
  }
  if (measured > window.latestMs) {
    const hint =
      action === 'stall'
        ? ' Some brokers check keepalives only every few seconds (Mosquitto 2.0: every 5 s).'
        : '';
    return {
      verdict: 'not-as-specified',
      verdictText: `The will arrived ${seconds(measured)} after ${since}: later than specified (${range}).${hint}`,
    };
  }
  return {
    verdict: 'as-specified',
    verdictText: `The will arrived ${seconds(measured)} after ${since}, as specified (${range}).`,
  };
}
