/**
 * Issue 15, "The built-in broker" #3 end to end: where Mosquitto is installed, the local
 * broker panel offers it first and runs it; its log shows in the panel, the one-click connect
 * works against it, mosquitto_pub reaches the app through it, and Stop ends the process.
 */
import { localPub } from '../support/local-broker-tools';
import { freePort } from '../support/mosquitto';
import { BrokerPanel } from './broker-panel';
import { expect, requireMosquitto, test } from './fixtures';

requireMosquitto();

test('Mosquitto is the default local broker; its log shows and it carries messages', async ({ app }) => {
  const panel = new BrokerPanel(app.page);
  await panel.show();
  // Built-in broker #3: the default where Mosquitto is installed.
  await expect(panel.engine).toHaveValue('mosquitto');
  const tcpPort = await freePort();
  let wsPort = await freePort();
  while (wsPort === tcpPort) wsPort = await freePort();
  await panel.start({ tcpPort, wsPort }, 'mosquitto');
  await panel.expectRunningOn(tcpPort);
  const log = app.page.getByRole('region', { name: 'Mosquitto log' });
  await expect(log).toContainText(/mosquitto version \S+ running/);
  await expect(log).toContainText(`Opening ipv4 listen socket on port ${tcpPort}`);

  await panel.connectToIt();
  await expect(app.status).toContainText(`mqtt://127.0.0.1:${tcpPort}`);
  await expect(app.status).toContainText('Connected');
  // Connecting shows the Connections view; the log is in the Local broker view.
  await panel.show();
  await expect(log).toContainText(/New client connected from 127\.0\.0\.1/);
  await app.subscribe('local/#');
  // mosquitto_pub as the independent client, pointed at the local Mosquitto (no password).
  await localPub({ port: tcpPort, topic: 'local/m', message: 'via local mosquitto' });
  await expect(app.message('local/m', 'via local mosquitto')).toBeVisible();

  await panel.stop();
  await expect(panel.state).toHaveText('Stopped');
  await app.showActivity('Connections');
  await expect(app.status).not.toContainText('Connected', { timeout: 15_000 });
});
