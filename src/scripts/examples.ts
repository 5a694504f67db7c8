import type { ScriptKind } from '../../electron/contract';

// TEMPORARY until the engine branch commits the API typings and the three examples as files.
export const SCRIPT_API_TYPES = '';

export const EXAMPLES: Record<ScriptKind, { source: string }> = {
  transform: { source: '' },
  responder: { source: '' },
  device: { source: '' },
};
