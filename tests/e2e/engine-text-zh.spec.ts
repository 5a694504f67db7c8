/**
 * Issue 14 #2: the engine sends keys, not English: after switching to Chinese, a refused
 * connection is explained in Chinese, with the CONNACK code, for MQTT 5 and 3.1.1.
 */
import { expect, requireMosquitto, test } from './fixtures';

requireMosquitto();

test('in zh-CN a wrong password is explained in Chinese with the CONNACK code', async ({ app, broker }) => {
  // Issue 14 #2
  const page = app.page;
  await app.showActivity('Settings');
  await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await app.showActivity('连接');
  const status = page.getByRole('status', { name: '连接状态' });

  await page.getByLabel('主机', { exact: true }).fill(broker.host);
  await page.getByLabel('端口', { exact: true }).fill(String(broker.ports.mqtt));
  await page.getByLabel('用户名', { exact: true }).fill(broker.username);
  await page.getByLabel('密码', { exact: true }).fill('nope');
  await page.getByRole('button', { name: '连接', exact: true }).click();

  await expect(status).toContainText('连接失败');
  await expect(status).toContainText('Broker 拒绝了连接。');
  // Mosquitto 2.0 answers a bad MQTT 5 password with 0x87 (not authorized); other brokers use 0x86.
  await expect(status).toContainText(
    /Broker (表示该客户端未获授权：请检查用户名和密码|拒绝了用户名或密码)。 \(CONNACK 0x8[67]\)/,
  );
  await expect(status).not.toContainText(/user name|password|refused/i);

  // The sentence follows the language at once, without reconnecting.
  await app.showActivity('设置');
  await page.getByLabel('语言', { exact: true }).selectOption('en');
  await app.showActivity('Connections');
  await expect(app.status).toContainText(/user name (or|and) password\. \(CONNACK 0x8[67]\)/);
  await app.showActivity('Settings');
  await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
  await app.showActivity('连接');

  await page.getByLabel('协议版本', { exact: true }).selectOption('3.1.1');
  await page.getByRole('button', { name: '连接', exact: true }).click();
  await expect(status).toContainText(/Broker 表示该客户端无权连接：请检查用户名和密码。 \(CONNACK 5\)/);
});
