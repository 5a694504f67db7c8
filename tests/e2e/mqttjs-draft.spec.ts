/**
 * Issue 13 #4: mqtt.js code whose URL is a variable opens as an unsaved draft with every
 * literal in place and the computed fields marked "from code"; the user fills them in,
 * saves, and the profile connects to Mosquitto.
 */
import { expect, requireMosquitto, test } from './fixtures';
import { ProfilesPanel } from './profiles-panel';

test.beforeEach(() => requireMosquitto());

const CODE = `export function connectDevice(url, deviceId, token, payload) {
  const deviceClient = mqtt.connect(url, {
    clean: true,
    keepalive: 10,
    connectTimeout: 4000,
    username: deviceId,
    password: token,
    will: { topic: 'error', payload: payload, qos: 0, retain: false },
  })
}`;

test('a URL variable gives a draft: literals kept, computed fields marked, filled in and saved', async ({
  app,
  broker,
}) => {
  const p = app.page;
  const profiles = new ProfilesPanel(p);
  await profiles.region.getByRole('button', { name: 'Import…' }).click();
  const dialog = p.getByRole('dialog', { name: 'Import profiles' });
  await dialog.locator('label', { hasText: 'From mqtt.js code' }).click();
  await dialog.getByRole('textbox', { name: 'mqtt.js code' }).fill(CODE);
  await dialog.getByRole('button', { name: 'Read code' }).click();
  const lint = dialog.getByRole('list', { name: 'Lint report' });
  // The blocking problem first, at the variable itself (line 2, column 37).
  await expect(lint.getByRole('listitem').first()).toContainText('Error');
  await expect(lint.getByRole('listitem').first()).toContainText('2:37');
  await expect(lint.getByRole('listitem').first()).toContainText('`url` is computed when the code runs');
  await expect(dialog.getByLabel('Profile name')).toHaveValue('deviceClient');
  await dialog.getByRole('button', { name: 'Open in the form' }).click();
  await expect(dialog).toBeHidden();

  await expect(p.getByText('· unsaved changes')).toBeVisible();
  await expect(p.getByText('Host, port and transport from code: url')).toBeVisible();
  await expect(p.getByLabel('Host', { exact: true })).toHaveValue('');
  await expect(p.getByText('from code: deviceId')).toBeVisible();
  await expect(p.getByText('from code: token')).toBeVisible();
  await expect(p.getByLabel('Will topic')).toHaveValue('error');
  await expect(p.getByText('from code: payload')).toBeVisible();
  await app.openSection('Advanced');
  await expect(p.getByLabel('Keepalive (s)')).toHaveValue('10');
  await expect(p.getByLabel('Connect timeout (s)')).toHaveValue('4');

  // Save is refused until the computed host and port are filled in.
  await p.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(profiles.row('deviceClient')).toHaveCount(0);
  await p.getByLabel('Host', { exact: true }).fill(broker.host);
  await p.getByLabel('Port', { exact: true }).fill(String(broker.ports.mqtt));
  await p.getByLabel('Username', { exact: true }).fill(broker.username);
  await p.getByLabel('Password', { exact: true }).fill(broker.password);
  await p.getByLabel('Will payload').fill('gone');
  await profiles.save();
  await expect(profiles.row('deviceClient')).toBeVisible();
  // Saved: the marks were for the draft only.
  await expect(p.locator('.from-code-mark')).toHaveCount(0);

  await profiles.connectFrom('deviceClient');
  await expect(app.status).toContainText('Connected');
  // The code's literals reach the broker: MQTT 3.1.1 (mqtt.js's default; Mosquitto logs it as p2), clean, keepalive 10.
  await broker.waitForLog(new RegExp(`as mqscope_\\S+ \\(p2, c1, k10, u'${broker.username}'\\)`));
});
