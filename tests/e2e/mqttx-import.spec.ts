/**
 * Issue 13 #3: an MQTTX export with MQTTX's placeholders for the user name and password
 * (EMPTY_STRING, as its export code writes them) imports as "not set": connecting the
 * imported profile gets the broker's own refusal, and the placeholder never reaches it.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mosquittoPub } from '../support/mosquitto';
import { expect, requireMosquitto, test } from './fixtures';
import { ProfilesPanel } from './profiles-panel';

test.beforeEach(() => requireMosquitto());

test('an MQTTX export with placeholder credentials connects without them and gets the broker’s “not authorized”', async ({
  app,
  broker,
}) => {
  // A broker that would let the placeholder in: the way the issue saw an imported profile connect.
  await broker.restart(async () => {
    const passwd = join(broker.dir, 'passwd');
    execFileSync('mosquitto_passwd', ['-b', passwd, 'EMPTY_STRING', 'EMPTY_STRING']);
    chmodSync(passwd, 0o644);
  });
  await mosquittoPub(broker, {
    topic: 'e2e/placeholder-check',
    message: 'x',
    extraArgs: ['-i', 'placeholder_control', '-u', 'EMPTY_STRING', '-P', 'EMPTY_STRING'],
  });
  await broker.waitForLog(/as placeholder_control .*u'EMPTY_STRING'/);

  const [template] = JSON.parse(readFileSync('tests/fixtures/mqttx-placeholders.json', 'utf8')) as Record<
    string,
    unknown
  >[];
  const clientId = `mqttx_e2e_${Date.now().toString(36)}`;
  const exported = JSON.stringify(
    [
      {
        ...template,
        name: 'From MQTTX',
        clientId,
        protocol: 'mqtt',
        ssl: false,
        host: broker.host,
        port: broker.ports.mqtt,
        username: 'EMPTY_STRING',
        password: 'EMPTY_STRING',
      },
    ],
    null,
    2,
  );

  const p = app.page;
  const profiles = new ProfilesPanel(p);
  await profiles.region.getByRole('button', { name: 'Import…' }).click();
  const dialog = p.getByRole('dialog', { name: 'Import profiles' });
  await dialog.locator('label', { hasText: 'MQTTX export' }).click();
  await dialog.getByLabel(/Or paste the MQTTX export/).fill(exported);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const report = dialog.getByRole('region', { name: 'Import report' });
  await expect(report).toContainText('Import finished: 1 created');
  // Placeholders are "not set", not omissions: the report has nothing to say about them.
  await expect(report.locator('.import-notes')).toHaveCount(0);
  await expect(report).not.toContainText('Certificates');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await profiles.select('From MQTTX');
  await expect(p.getByLabel('Username', { exact: true })).toHaveValue('');
  await expect(p.getByText('A password is saved')).toHaveCount(0);

  await profiles.connectFrom('From MQTTX');
  await expect(app.status).toContainText('Failed');
  // No credentials at all: Mosquitto's own answer for an anonymous client it does not allow.
  await expect(app.status).toContainText(/not authori[sz]ed|CONNACK 0x87/i);
  await broker.waitForLog(/Client <unknown> disconnected, not authorised/);
  // The import's client never logged in, least of all as the placeholder user.
  expect(broker.log()).not.toMatch(new RegExp(`as ${clientId}`));
  expect(broker.log().match(/u'EMPTY_STRING'/g)).toHaveLength(1); // the control client only
});
