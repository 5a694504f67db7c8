/**
 * The built-in local broker end to end: started from the panel (or with --local-broker),
 * connected to in one click, with mosquitto_pub on the other side, in Chromium.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { localPub } from '../support/local-broker-tools';
import { freePort } from '../support/mosquitto';
import { BrokerPanel } from './broker-panel';
import { expect, requireMosquitto, test } from './fixtures';
import { MainPage } from './main-page';

requireMosquitto();

async function twoFreePorts(): Promise<{ tcpPort: number; wsPort: number }> {
  const tcpPort = await freePort();
  let wsPort = await freePort();
  while (wsPort === tcpPort) wsPort = await freePort();
  return { tcpPort, wsPort };
}

test('start the broker from the panel, connect in one click, publish, see our client, stop', async ({
  app,
}, testInfo) => {
  const broker = new BrokerPanel(app.page);
  const ports = await twoFreePorts();
  await broker.start(ports);
  await broker.expectRunningOn(ports.tcpPort);

  await broker.connectToIt();
  await expect(app.status).toContainText('Connected');
  await expect(app.status).toContainText(`mqtt://127.0.0.1:${ports.tcpPort}`);
  // Workspace #2 (issue 13): the form showed 127.0.0.1:1883 whatever the port was.
  await expect(app.page.getByLabel('Host', { exact: true })).toHaveValue('127.0.0.1');
  await expect(app.page.getByLabel('Port', { exact: true })).toHaveValue(String(ports.tcpPort));
  await expect(app.page.getByLabel('Transport')).toHaveValue('mqtt');
  await app.subscribe('demo/#');

  await app.publish('demo/ui', '{"hello":"local"}');
  await expect(app.message('demo/ui', '{"hello":"local"}')).toBeVisible();
  await localPub({ port: ports.tcpPort, topic: 'demo/device', message: 'from mosquitto_pub' });
  await expect(app.message('demo/device', 'from mosquitto_pub')).toBeVisible();

  // Our own client, as the broker lists it.
  const clientId = (await app.status.locator('dd').nth(1).textContent()) ?? '';
  expect(clientId).toMatch(/^mqscope_/);
  await broker.show();
  await expect(broker.clients.getByRole('listitem').filter({ hasText: clientId })).toContainText('TCP');
  // Live counters: the two publishes above went through it.
  const messagesIn = app.page
    .getByLabel('Broker traffic')
    .locator('div', { hasText: 'Messages in' })
    .locator('dd');
  await expect(messagesIn).toHaveText('2');

  // A retained message shows up in the panel and can be deleted there.
  await localPub({ port: ports.tcpPort, topic: 'demo/lamp', message: 'on', retain: true });
  const lamp = broker.retained.getByRole('listitem').filter({ hasText: 'demo/lamp' });
  await expect(lamp).toContainText('on');
  await app.page.getByRole('button', { name: 'Delete retained message on demo/lamp' }).click();
  await expect(app.page.getByText('No retained messages.')).toBeVisible();

  const screenshot = testInfo.outputPath('local-broker.png');
  await app.page.screenshot({ path: screenshot });
  await testInfo.attach('local-broker', { path: screenshot, contentType: 'image/png' });

  await broker.stop();
  await expect(broker.state).toHaveText('Stopped');
  await app.showActivity('Connections');
  await expect(app.status).toContainText('Disconnected by local broker stop');
});

test('a busy port is refused with the next free port offered, and one click starts there', async ({
  app,
}) => {
  const broker = new BrokerPanel(app.page);
  const ports = await twoFreePorts();
  const squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(ports.tcpPort, '127.0.0.1', resolve));
  try {
    await broker.start(ports);
    await expect(broker.problem).toContainText(`Port ${ports.tcpPort} (TCP) is already in use`);
    const offer = broker.problem.getByRole('button', { name: /^Start on ports \d+ and \d+$/ });
    const label = (await offer.textContent()) ?? '';
    const suggested = Number(/ports (\d+)/.exec(label)?.[1]);
    expect(suggested).not.toBe(ports.tcpPort);
    await offer.click();
    await broker.expectRunningOn(suggested);
  } finally {
    squatter.close();
  }
});

test('binding to every interface asks for it explicitly and warns', async ({ app }) => {
  await new BrokerPanel(app.page).show();
  await app.page.getByRole('checkbox', { name: 'Listen on all network interfaces' }).check();
  await expect(app.page.getByRole('note')).toContainText('Other machines on your network');
});

test('npm run web -- --local-broker starts the broker with the host @web-only', async ({ page }) => {
  const child = spawn(process.execPath, ['out/web/index.js', '--port', '0', '--local-broker'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let output = '';
    const lines = new Promise<{ url: string; tcpPort: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no broker line:\n${output}`)), 15_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const url = /MQScope web host: (http:\/\/\S+)/.exec(output)?.[1];
        const tcpPort = /Local broker: mqtt:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
        if (url && tcpPort) {
          clearTimeout(timer);
          resolve({ url, tcpPort: Number(tcpPort) });
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    });
    const { url, tcpPort } = await lines;
    const app = new MainPage(page);
    await app.open(url);
    await new BrokerPanel(page).expectRunningOn(tcpPort);
    await new BrokerPanel(page).connectToIt();
    await expect(app.status).toContainText('Connected');
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});
