import { DEFAULT_SETTINGS } from '../../electron/contract';

/*
 * The settings that plain helpers read at the moment they need them (a new connection
 * form's reconnect period), set from the data folder's settings by SettingsSync.
 */
let reconnectPeriodSeconds = DEFAULT_SETTINGS.reconnectPeriodSeconds;

export function defaultReconnectSeconds(): number {
  return reconnectPeriodSeconds;
}

export function setDefaultReconnectSeconds(seconds: number): void {
  reconnectPeriodSeconds = seconds;
}
