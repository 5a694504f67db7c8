import { DEFAULT_SETTINGS } from '../../electron/contract';

/*
 * The settings that plain helpers read at the moment they need them (a new connection
 * form's reconnect period), set from the data folder's settings by SettingsSync. Like the
 * language and the theme, the value is cached in localStorage for the first paint only:
 * the form made before the host answers starts with the period the user chose.
 */
const STORAGE_KEY = 'mqscope.reconnectPeriodSeconds';

/** Typed here so Node unit tests (no DOM types, no localStorage) load this module too. */
const browser = globalThis as {
  localStorage?: { getItem(key: string): string | null; setItem(k: string, v: string): void };
};

function cached(): number {
  try {
    const value = Number(browser.localStorage?.getItem(STORAGE_KEY) ?? Number.NaN);
    return Number.isInteger(value) && value >= 0 ? value : DEFAULT_SETTINGS.reconnectPeriodSeconds;
  } catch {
    return DEFAULT_SETTINGS.reconnectPeriodSeconds;
  }
}

let reconnectPeriodSeconds = cached();

export function defaultReconnectSeconds(): number {
  return reconnectPeriodSeconds;
}

export function setDefaultReconnectSeconds(seconds: number): void {
  reconnectPeriodSeconds = seconds;
  try {
    browser.localStorage?.setItem(STORAGE_KEY, String(seconds));
  } catch {
    // Only the first paint of the next start misses it.
  }
}
