import type { CheckGroup, TextParams } from '../../contract';
import type { CheckContext, Outcome } from './context';

export interface CheckDef {
  /** Stable: `<group>.<name>`; the known-answer fixtures key on it. */
  id: string;
  group: CheckGroup;
  specRef: string;
  statement: string;
  /** The numbers in the statement, for its keyed wording (`check.statement.<id>`, Issue 14). */
  statementParams?: TextParams;
  /** MQTT 5 only: "not supported" when the broker refused MQTT 5. */
  v5?: boolean;
  /** A CONNACK capability the check needs; returns why not when the broker says it lacks it. */
  unsupported?: (connack: Readonly<Record<string, unknown>>) => string | null;
  /** Timing checks start first, so their waits overlap the quick checks. */
  slow?: boolean;
  run(ctx: CheckContext): Promise<Outcome>;
}

/** "… said so in its CONNACK" when a boolean capability is present and false. */
export function capability(name: string, what: string) {
  return (connack: Readonly<Record<string, unknown>>): string | null =>
    connack[name] === false || connack[name] === 0 ? `The CONNACK says ${what} (${name} = 0).` : null;
}
