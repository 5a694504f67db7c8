/** Several connections from one page: a list to pick which one is shown; Disconnect acts on it. */
import { expect, requireMosquitto, test } from './fixtures';

requireMosquitto();

test('opens two connections, switches between them, and disconnects only the selected one', async ({
  app,
  broker,
}, testInfo) => {
  const p = app.page;
  const first = `e2e-multi-a-${testInfo.workerIndex}-${Date.now()}`;
  const second = `e2e-multi-b-${testInfo.workerIndex}-${Date.now()}`;
  const login = { host: broker.host, username: broker.username, password: broker.password };

  await app.connect({ ...login, port: broker.ports.mqtt, clientId: first });
  await expect(app.status).toContainText('Connected');
  await app.subscribe('multi/a');
  await app.connect({ ...login, transport: 'ws', port: broker.ports.ws, path: '/mqtt', clientId: second });
  await expect(app.status).toContainText(second);
  await expect(app.status).toContainText('Connected');

  // The newest is shown; its subscriptions are its own.
  await expect(app.openConnections.getByRole('listitem')).toHaveCount(2);
  await expect(app.openConnections.getByRole('button', { name: first })).not.toHaveAttribute('aria-current');
  await expect(app.openConnections.getByRole('button', { name: second })).toHaveAttribute(
    'aria-current',
    'true',
  );
  await expect(app.subscription('multi/a')).toHaveCount(0);

  await app.openConnections.getByRole('button', { name: first }).click();
  await expect(app.status).toContainText(first);
  // Workspace #2 (issue 13): the form shows the settings of the connection on screen.
  await expect(p.getByLabel('Client ID')).toHaveValue(first);
  await expect(p.getByLabel('Transport')).toHaveValue('mqtt');
  await expect(p.getByLabel('Port', { exact: true })).toHaveValue(String(broker.ports.mqtt));
  await expect(app.subscription('multi/a')).toContainText('QoS 0');

  await p.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(app.status).toContainText('Disconnected');
  await expect.poll(() => broker.log()).toContain(`Client ${first} disconnected.`);
  expect(broker.log()).not.toContain(`Client ${second} disconnected.`);

  await app.openConnections.getByRole('button', { name: second }).click();
  await expect(app.status).toContainText(second);
  await expect(app.status).toContainText('Connected');
  await expect(p.getByLabel('Client ID')).toHaveValue(second);
  await expect(p.getByLabel('Transport')).toHaveValue('ws');
  await expect(p.getByLabel('Port', { exact: true })).toHaveValue(String(broker.ports.ws));
});
