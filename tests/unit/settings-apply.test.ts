// Issue 14 #4: Settings' time format and default reconnect period, as the page applies them.
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, setLanguageChoice } from '../../src/i18n';
import { formatTime, setTimeFormat } from '../../src/i18n/format';
import { newDraft } from '../../src/profiles/profile-draft';
import { defaultReconnectSeconds, setDefaultReconnectSeconds } from '../../src/settings/defaults';

afterEach(async () => {
  setTimeFormat('local');
  setDefaultReconnectSeconds(3);
  await i18n.changeLanguage('en');
});

describe('time format', () => {
  const at = Date.UTC(2026, 11, 3, 5, 6, 7, 89);

  it('shows UTC with milliseconds when set to UTC, and the local zone again when set back', () => {
    setTimeFormat('utc');
    expect(formatTime(at)).toBe('05:06:07.089');
    setTimeFormat('local');
    const local = new Date(at);
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    expect(formatTime(at)).toBe(
      `${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}.${pad(local.getMilliseconds(), 3)}`,
    );
  });
});

describe('default reconnect period', () => {
  it('is what a new connection form starts with', () => {
    setDefaultReconnectSeconds(12);
    expect(defaultReconnectSeconds()).toBe(12);
    expect(newDraft().values.reconnectPeriod).toBe('12');
  });
});

describe('language choice', () => {
  it('"system" follows the OS language; a language is taken as chosen', async () => {
    await setLanguageChoice('zh-CN');
    expect(i18n.language).toBe('zh-CN');
    // Issue 18 #4: Chinese is loaded when chosen, and its strings are there once applied.
    expect(i18n.t('app.language')).toBe('语言');
    // Node has no navigator languages: the OS language here is English.
    await setLanguageChoice('system');
    expect(i18n.language).toBe('en');
  });
});
