import type { ConnectionState, EngineText, Problem } from '../contract';
import { text } from './text/keys';

/** What a connection knows when its socket has closed. */
export interface CloseFacts {
  /** Set when MQScope closed it on purpose: the reason to report. */
  closingReason: EngineText | null;
  /** A refused CONNACK: final. */
  refused: boolean;
  /** Closed over a broken packet from the broker: final, like a refusal. */
  protocolClosed: boolean;
  /** The lab's stall: the broker's keepalive timeout was the point. */
  stalled: boolean;
  everConnected: boolean;
  /** Reconnect attempts made so far, and the options' bounds. */
  attempt: number;
  maxAttempts: number;
  periodMs: number;
  lastProblem: Problem | undefined;
}

export type CloseOutcome =
  | { kind: 'final'; state: ConnectionState; reason: EngineText; problem?: Problem }
  /** Try again after `periodMs`, as attempt number `attempt`. */
  | { kind: 'retry'; attempt: number; reason: EngineText; problem: Problem };

const lost = (problem: Problem | undefined): Problem =>
  problem ?? { code: 'CONNECTION_LOST', ...text('error.connectionLost') };

/** Decides, with its reason, what a closed socket means: the state machine's one exit. */
export function closeOutcome(facts: CloseFacts): CloseOutcome {
  const { maxAttempts, periodMs, lastProblem } = facts;
  if (facts.closingReason !== null)
    return { kind: 'final', state: 'disconnected', reason: facts.closingReason };
  if (facts.refused)
    return { kind: 'final', state: 'failed', reason: text('state.refused'), problem: lastProblem };
  if (facts.protocolClosed) {
    // Not retried: a broker that sent a broken packet will most likely send it again.
    return { kind: 'final', state: 'failed', reason: text('state.protocolBroken'), problem: lastProblem };
  }
  if (facts.stalled) {
    const problem = lastProblem ?? { code: 'KEEPALIVE_EXPIRED', ...text('error.keepaliveExpired') };
    return { kind: 'final', state: 'disconnected', reason: text('state.stalledDropped'), problem };
  }
  if (facts.attempt < maxAttempts) {
    const attempt = facts.attempt + 1;
    const counts = { attempt, max: maxAttempts };
    const reason =
      periodMs >= 1000
        ? text('state.reconnectingS', { seconds: periodMs / 1000, ...counts })
        : text('state.reconnectingMs', { ms: periodMs, ...counts });
    return { kind: 'retry', attempt, reason, problem: lost(lastProblem) };
  }
  if (maxAttempts > 0) {
    return {
      kind: 'final',
      state: 'failed',
      reason: text('state.gaveUp', { max: maxAttempts }),
      problem: lost(lastProblem),
    };
  }
  if (!facts.everConnected) {
    const problem = lastProblem ?? { code: 'CLOSED', ...text('error.closedBeforeAccept') };
    return { kind: 'final', state: 'failed', reason: text('state.couldNotConnect'), problem };
  }
  if (lastProblem?.code.startsWith('DISCONNECT')) {
    // The broker said goodbye with a reason (MQTT 5): not a lost connection.
    return {
      kind: 'final',
      state: 'disconnected',
      reason: text('state.disconnectedByBroker'),
      problem: lastProblem,
    };
  }
  return { kind: 'final', state: 'disconnected', reason: text('state.lost'), problem: lost(lastProblem) };
}
