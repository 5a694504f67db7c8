/**
 * Issue 14 #2 and #3: the language and the theme switch in Settings apply at once, without
 * a reload, and are remembered; "Follow OS" tracks the OS colour scheme as it changes.
 */
import { expect, requireMosquitto, test } from './fixtures';

requireMosquitto();

test('the language switch turns the whole screen Chinese at once and is remembered', async ({
  app,
  broker,
}) => {
  // Issue 14 #2
  const page = app.page;
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await app.showActivity('Settings');
  await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('button', { name: '订阅', exact: true })).toBeVisible();

  // The Chinese form works: connect through its Chinese labels.
  await app.showActivity('连接');
  await expect(page.getByRole('status', { name: '连接状态' })).toContainText('未连接');
  await page.getByLabel('主机', { exact: true }).fill(broker.host);
  await page.getByLabel('端口', { exact: true }).fill(String(broker.ports.mqtt));
  await page.getByLabel('用户名', { exact: true }).fill(broker.username);
  await page.getByLabel('密码', { exact: true }).fill(broker.password);
  await page.getByRole('button', { name: '连接', exact: true }).click();
  await expect(page.getByRole('status', { name: '连接状态' })).toContainText('已连接');

  await page.reload();
  await app.waitUntilReady();
  await app.showActivity('设置');
  await expect(page.getByLabel('语言', { exact: true })).toHaveValue('zh-CN');
  await expect(page.getByRole('button', { name: '订阅', exact: true })).toBeVisible();

  await page.getByLabel('语言', { exact: true }).selectOption('en');
  await expect(page.getByRole('button', { name: 'Subscribe', exact: true })).toBeVisible();
});

test('the theme switch overrides the OS scheme, is remembered, and Follow OS tracks it', async ({ app }) => {
  // Issue 14 #3
  const page = app.page;
  const html = page.locator('html');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');

  await app.showActivity('Settings');
  await page.getByLabel('Theme', { exact: true }).selectOption('dark');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(30, 31, 34)');

  await page.reload();
  await app.waitUntilReady();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByLabel('Theme', { exact: true })).toHaveValue('dark');

  await page.getByLabel('Theme', { exact: true }).selectOption('system');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
});
