// Issue 14 #2: numbers, sizes, times and durations through Intl, in the current language.
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, matchLanguage } from '../../src/i18n';
import {
  formatBytes,
  formatClock,
  formatCount,
  formatRate,
  formatSeconds,
  formatTime,
} from '../../src/i18n/format';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('matchLanguage', () => {
  it('takes the first OS language MQScope speaks, any Chinese as zh-CN', () => {
    expect(matchLanguage(['zh-TW', 'en-US'])).toBe('zh-CN');
    expect(matchLanguage(['fr-FR', 'en-GB', 'zh-CN'])).toBe('en');
    expect(matchLanguage(['de-DE'])).toBe('en');
    expect(matchLanguage([])).toBe('en');
  });
});

describe('formatters', () => {
  it('keep the English forms the screens and tests use', () => {
    expect(formatBytes(5)).toBe('5 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(1_234_567)).toBe('1.2M');
    expect(formatSeconds(2500)).toBe('2.5 s');
    expect(formatSeconds(null)).toBe('—');
    expect(formatRate(0.01)).toBe('');
    expect(formatRate(2.5)).toBe('2.5/s');
    const at = new Date(2026, 0, 2, 3, 4, 5, 67).getTime();
    expect(formatTime(at)).toBe('03:04:05.067');
    expect(formatClock(null)).toBe('—');
  });

  it('follow a switch to Chinese at once', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(formatCount(123_456_789)).toBe('1.2亿');
    expect(formatSeconds(2500)).toBe('2.5 秒');
    expect(formatRate(2.5)).toBe('2.5/秒');
    expect(formatTime(new Date(2026, 0, 2, 23, 59, 58, 1).getTime())).toBe('23:59:58.001');
  });
});
