import type { ScriptDraft, ScriptKind, ScriptOptions } from '../../electron/contract';
import { RESPONDER_RATE_DEFAULT } from '../../electron/contract';

/** The list's groups, top to bottom. */
export const SCRIPT_KINDS_IN_ORDER: readonly ScriptKind[] = ['transform', 'responder', 'device'];

/** A new script's options: any topic, the default rate, or this profile's broker. */
export function blankOptions(kind: ScriptKind, profileId: string): ScriptOptions {
  switch (kind) {
    case 'transform':
      return { kind, topicPattern: '#' };
    case 'responder':
      return { kind, ratePerSecond: RESPONDER_RATE_DEFAULT };
    case 'device':
      return { kind, profileId, clientId: '' };
  }
}

export type { ScriptDraft, ScriptKind };
