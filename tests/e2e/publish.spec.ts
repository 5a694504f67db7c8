/**
 * The publish panel end to end: the Monaco payload editor in Chromium against the web host
 * and a real Mosquitto, with mosquitto_sub on the other side checking what arrived.
 */
import { mosquittoSub } from '../support/mosquitto';
import { expect, requireMosquitto, test } from './fixtures';
import type { MainPage } from './main-page';

requireMosquitto();

async function connect(
  app: MainPage,
  broker: { host: string; ports: { mqtt: number }; username: string; password: string },
) {
  await app.connect({
    host: broker.host,
    port: broker.ports.mqtt,
    username: broker.username,
    password: broker.password,
  });
  await expect(app.status).toContainText('Connected');
}

test('JSON typed into Monaco arrives byte-exact', async ({ app, broker }) => {
  await connect(app, broker);
  const sub = await mosquittoSub(broker, { topic: 'pub/json', count: 1 });
  const payload = '{\n  "cmd": "reboot",\n  "args": [1, 2.50, {"deep": true}]\n}';
  await app.page.getByLabel('Topic', { exact: true }).fill('pub/json');
  await app.fillPayload(payload);
  await app.page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(app.publishResult).toContainText('Published');
  const [seen] = await sub.messages;
  expect(seen?.payload).toBe(payload);
});
