/**
 * Issue 14 #4: the Settings view. Every setting applies at once, is kept in the data folder
 * (not only in this browser's cache: the cache is wiped before the reload), and is back
 * after a reload.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, startBuiltWebHost, test } from './fixtures';
import { MainPage } from './main-page';

// Shanghai is UTC+8 all year: local time and UTC differ by eight hours.
test.use({ timezoneId: 'Asia/Shanghai', colorScheme: 'light' });

/** The hour the time example shows ("Now: 13:04:05.678"). */
async function shownHour(page: Page, label: RegExp): Promise<number> {
  const text = (await page.getByText(label).textContent()) ?? '';
  const match = /(\d{2}):\d{2}:\d{2}[.,]\d{3}/.exec(text);
  if (!match?.[1]) throw new Error(`No time in "${text}"`);
  return Number(match[1]);
}

test('settings apply at once, are kept in the data folder and survive a reload (issue 14 #4)', async ({
  page,
}) => {
  const host = await startBuiltWebHost();
  try {
    const app = new MainPage(page);
    await app.open(host.url);
    await app.showActivity('Settings');
    const html = page.locator('html');

    await page.getByLabel('Theme', { exact: true }).selectOption('dark');
    await expect(html).toHaveAttribute('data-theme', 'dark');

    await page.getByLabel('Time format', { exact: true }).selectOption('utc');
    await expect.poll(() => shownHour(page, /^Now:/)).toBe(new Date().getUTCHours());

    await page.getByLabel('Reconnect period (s)', { exact: true }).fill('9');
    await page.getByLabel('Reconnect period (s)', { exact: true }).press('Enter');

    // Notifications (Issue 19 #3): off by default, a bad filter is named, a good one kept.
    const onDrop = page.getByLabel('Notify when a connection drops while MQScope is in the background');
    await expect(onDrop).not.toBeChecked();
    await expect(page.getByText('Shown by the desktop app only')).toBeVisible();
    await onDrop.check();
    const topics = page.getByLabel('Notify on messages to these topics (one filter per line)');
    await topics.fill('alarms/#/x');
    await topics.blur();
    await expect(page.getByText('"alarms/#/x" is not a valid topic filter.')).toBeVisible();
    await topics.fill('alarms/#\n\nplant/+/fault');
    await topics.blur();
    await expect(page.getByText('at most one notification per filter every 30 s')).toBeVisible();

    const limits = page.getByRole('form', { name: 'Message log limits' });
    await limits.getByLabel('Messages kept', { exact: true }).fill('5000');
    await limits.getByRole('button', { name: 'Apply', exact: true }).click();

    await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
    await expect(html).toHaveAttribute('lang', 'zh-CN');

    // The data folder holds every choice.
    await expect
      .poll(() => {
        try {
          return JSON.parse(readFileSync(join(host.dataDir, 'settings.json'), 'utf8')) as unknown;
        } catch {
          return null;
        }
      })
      .toMatchObject({
        version: 1,
        settings: {
          language: 'zh-CN',
          theme: 'dark',
          timeFormat: 'utc',
          reconnectPeriodSeconds: 9,
          notifyOnDrop: true,
          notifyTopics: ['alarms/#', 'plant/+/fault'],
        },
        limits: { maxMessages: 5000 },
      });

    // Without this browser's cache, the page still comes back as it was left.
    await page.evaluate(() =>
      (globalThis as unknown as { localStorage: { clear(): void } }).localStorage.clear(),
    );
    await page.reload();
    await app.waitUntilReady();
    await expect(html).toHaveAttribute('lang', 'zh-CN');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await app.showActivity('设置');
    const settings = page.getByRole('region', { name: '设置' });
    await expect(settings.getByLabel('语言', { exact: true })).toHaveValue('zh-CN');
    await expect(settings.getByLabel('主题', { exact: true })).toHaveValue('dark');
    await expect(settings.getByLabel('时间格式', { exact: true })).toHaveValue('utc');
    await expect(settings.getByLabel('重连间隔（秒）', { exact: true })).toHaveValue('9');
    await expect(settings.getByLabel('MQScope 在后台时，连接断开则发送通知')).toBeChecked();
    await expect(settings.getByLabel('这些主题收到消息时通知（每行一个主题过滤器）')).toHaveValue(
      'alarms/#\nplant/+/fault',
    );
    await expect(
      settings.getByRole('form', { name: '消息日志上限' }).getByLabel('保留条数', { exact: true }),
    ).toHaveValue('5000');
    await expect.poll(() => shownHour(page, /^现在：/)).toBe(new Date().getUTCHours());

    // Back to local time: Shanghai's hour, eight ahead of UTC.
    await settings.getByLabel('时间格式', { exact: true }).selectOption('local');
    await expect.poll(() => shownHour(page, /^现在：/)).toBe((new Date().getUTCHours() + 8) % 24);
  } finally {
    await host.stop();
  }
});

test('a new connection form starts with the reconnect period chosen in Settings (issue 14 #4)', async ({
  app,
}) => {
  const page = app.page;
  await app.showActivity('Settings');
  await page.getByLabel('Reconnect period (s)', { exact: true }).fill('11');
  await page.getByLabel('Reconnect period (s)', { exact: true }).blur();
  await app.showActivity('Connections');
  await page.getByRole('button', { name: 'New profile', exact: true }).click();
  await app.openSection('Advanced');
  await expect(page.getByLabel('Reconnect period', { exact: false }).first()).toHaveValue('11');
});
