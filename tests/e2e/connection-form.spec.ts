/**
 * The connection form, status and CONNACK end to end: TLS with a pasted CA, verification
 * off, refusals in words, against the harness's real Mosquitto.
 */
import { expect, requireMosquitto, test } from './fixtures';

requireMosquitto();

test('connects over mqtts with the CA pasted as PEM and shows the CONNACK', async ({ app, broker }) => {
  const p = app.page;
  await p.getByLabel('Transport').selectOption('mqtts');
  await p.getByLabel('Host', { exact: true }).fill(broker.host);
  await p.getByLabel('Port', { exact: true }).fill(String(broker.ports.mqtts));
  await p.getByLabel('Username', { exact: true }).fill(broker.username);
  await p.getByLabel('Password', { exact: true }).fill(broker.password);
  await app.openSection('TLS');
  await expect(p.getByLabel('Verify server certificate')).toBeChecked();
  await p.getByLabel('CA certificate', { exact: true }).fill(broker.caPem);
  await p.getByRole('button', { name: 'Connect', exact: true }).click();

  await expect(app.status).toContainText('Connected');
  await expect(app.status).toContainText(`mqtts://${broker.host}:${broker.ports.mqtts}`);
  await expect(app.status).not.toContainText('TLS verification is off');
  await expect(app.connack).toBeVisible();
  await expect(app.connackValue('Reason')).toHaveText('Success (0x00)');
  await expect(app.connackValue('Session present')).toHaveText('no');
  // Mosquitto states its receive maximum in CONNACK; what it leaves out is marked as the default.
  await expect(app.connackValue('Receive maximum')).toHaveText(/^\d+$/);
  await expect(app.connackValue('Maximum QoS')).toHaveText(/2|\(default\)/);
});

test('verification off connects to the TLS listener without a CA, and warns for as long as it lasts', async ({
  app,
  broker,
}) => {
  const p = app.page;
  await p.getByLabel('Transport').selectOption('mqtts');
  await p.getByLabel('Host', { exact: true }).fill(broker.host);
  await p.getByLabel('Port', { exact: true }).fill(String(broker.ports.mqtts));
  await p.getByLabel('Username', { exact: true }).fill(broker.username);
  await p.getByLabel('Password', { exact: true }).fill(broker.password);
  await app.openSection('TLS');
  await p.getByLabel('Verify server certificate').uncheck();
  await expect(p.getByText(/will not be checked/)).toBeVisible();
  await p.getByRole('button', { name: 'Connect', exact: true }).click();

  await expect(app.status).toContainText('Connected');
  await expect(app.status.getByText(/TLS verification is off/)).toBeVisible();
  await expect(p.getByText('TLS not verified')).toBeVisible();

  await p.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(app.status).toContainText('Disconnected');
  await expect(app.status.getByText(/TLS verification is off/)).toBeHidden();
});

test('without the CA, verification on fails with the unknown-CA sentence', async ({ app, broker }) => {
  await app.connect({
    transport: 'mqtts',
    host: broker.host,
    port: broker.ports.mqtts,
    username: broker.username,
    password: broker.password,
  });
  await expect(app.status).toContainText('Failed');
  await expect(app.status).toContainText(/not signed by a CA this connection trusts/);
});

test('a wrong password says so with the CONNACK code, for MQTT 5 and 3.1.1', async ({ app, broker }) => {
  await app.connect({
    host: broker.host,
    port: broker.ports.mqtt,
    username: broker.username,
    password: 'nope',
  });
  await expect(app.status).toContainText('Failed');
  // Mosquitto 2.0 answers a bad password with 0x87 (not authorized); other brokers use 0x86.
  await expect(app.status).toContainText(/user name (or|and) password\. \(CONNACK 0x8[67]\)/);

  await app.connect({
    host: broker.host,
    port: broker.ports.mqtt,
    protocol: '3.1.1',
    username: broker.username,
    password: 'nope',
  });
  await expect(app.status).toContainText('Failed');
  await expect(app.status).toContainText(/\(CONNACK [45]\)/);
});

test('form mistakes are shown on their fields and open their folded section', async ({ app }) => {
  const p = app.page;
  await app.openSection('Last will');
  await p.getByLabel('Will topic').fill('status/#');
  await p.getByLabel('Payload format', { exact: true }).selectOption('json');
  await p.getByLabel('Will payload').fill('{"online": fals');
  // JSON is checked while typing, before Connect.
  await expect(p.getByText(/not valid JSON/)).toBeVisible();
  await app.openSection('Advanced');
  await p.getByLabel('Keepalive (s)').fill('70000');
  // Folding a section with a problem keeps it open: a problem is never hidden.
  await p.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(p.getByText('A will topic cannot contain the wildcards + or #.')).toBeVisible();
  await expect(p.getByText(/Keepalive is a whole number of seconds from 0 to 65535/)).toBeVisible();
  await expect(p.getByLabel('Keepalive (s)')).toHaveAttribute('aria-invalid', 'true');
  await expect(app.status).toContainText('Not connected');
});
