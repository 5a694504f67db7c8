/**
 * The walking skeleton end to end: the real renderer in Chromium, served by the real web
 * host, against a real Mosquitto, with mosquitto_pub / mosquitto_sub on the other side.
 */
import { mosquittoPub, mosquittoSub, type MosquittoBroker } from '../support/mosquitto';
import { expect, requireMosquitto, startBuiltWebHost, test, type RunningWebHost } from './fixtures';
import { MainPage } from './main-page';

requireMosquitto();

test('connect over TCP, subscribe, publish from the UI and from mosquitto_pub, disconnect', async ({
  app,
  broker,
}, testInfo) => {
  await app.connectTo(broker);
  await app.subscribe('demo/#');

  const thirdParty = await mosquittoSub(broker, { topic: 'demo/#', count: 1 });
  await app.publish('demo/ui', '{"hello":"world"}');
  await expect(app.publishResult).toContainText('Sent (QoS 0: no acknowledgement)');
  await expect(app.message('demo/ui', '{"hello":"world"}')).toBeVisible();
  const [seen] = await thirdParty.messages;
  expect(seen).toMatchObject({ topic: 'demo/ui', payload: '{"hello":"world"}' });

  await mosquittoPub(broker, { topic: 'demo/device/1', message: 'temperature=21.5' });
  await expect(app.message('demo/device/1', 'temperature=21.5')).toBeVisible();

  const screenshot = testInfo.outputPath('main-screen.png');
  await app.page.screenshot({ path: screenshot });
  await testInfo.attach('main-screen', { path: screenshot, contentType: 'image/png' });

  await app.page.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(app.status).toContainText('Disconnected');
});

test('connect over WebSocket with a path and receive a message', async ({ app, broker }) => {
  await app.connect({
    transport: 'ws',
    host: broker.host,
    port: broker.ports.ws,
    path: '/mqtt',
    username: broker.username,
    password: broker.password,
  });
  await expect(app.status).toContainText('Connected');
  await app.subscribe('demo/ws/+');
  await mosquittoPub(broker, { topic: 'demo/ws/1', message: 'over websocket' });
  await expect(app.message('demo/ws/1', 'over websocket')).toBeVisible();
});

test('a wrong password fails with a clear sentence, and the window keeps working', async ({
  app,
  broker,
}) => {
  await app.connect({
    host: broker.host,
    port: broker.ports.mqtt,
    username: broker.username,
    password: 'wrong',
  });
  await expect(app.status).toContainText('Failed');
  await expect(app.page.getByText(/user name or password|not authorized/i)).toBeVisible();

  await app.connectTo(broker);
});

test('invalid input is refused in the form, not sent', async ({ app }) => {
  await app.page.getByLabel('Port', { exact: true }).fill('70000');
  await app.page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(app.page.getByText(/1 to 65535/)).toBeVisible();
  await expect(app.status).toContainText('Not connected');
});

test('Ctrl+C stops the web host cleanly and closes its MQTT connections @web-only', async ({
  page,
  broker,
}) => {
  const host = await startBuiltWebHost();
  try {
    await connectThenInterrupt(host, new MainPage(page), broker);
  } finally {
    await host.stop('SIGKILL');
  }
});

async function connectThenInterrupt(
  host: RunningWebHost,
  app: MainPage,
  broker: MosquittoBroker,
): Promise<void> {
  await app.open(host.url);
  const clientId = `e2e-sigint-${test.info().workerIndex}-${Date.now()}`;
  await app.connect({
    host: broker.host,
    port: broker.ports.mqtt,
    clientId,
    username: broker.username,
    password: broker.password,
  });
  await expect(app.status).toContainText('Connected');

  expect(await host.stop('SIGINT')).toBe(0);
  expect(host.output()).toContain('closing MQTT connections');
  // A clean DISCONNECT, not a dropped socket: Mosquitto logs the difference.
  await expect.poll(() => broker.log()).toContain(`Client ${clientId} disconnected.`);
}
