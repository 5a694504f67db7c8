import { i18n } from '../i18n';
import type { ConnectionState } from '../../electron/contract';

/** What the pill and the status line call each state; tests look for these words. */
export type DisplayState = ConnectionState | 'none';

export function stateWord(state: DisplayState): string {
  return i18n.t(`connections.state.${state}`);
}

export function displayState(status: { state: ConnectionState } | undefined, opening: boolean): DisplayState {
  if (opening) return 'connecting';
  return status?.state ?? 'none';
}

/** A connection that is up or on its way (again): it can be disconnected. */
export function isLive(state: ConnectionState): boolean {
  return state === 'connecting' || state === 'connected' || state === 'reconnecting';
}
